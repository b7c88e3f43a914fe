"""Start-up: the home screen is interactive before nltk is imported; the warm-up starts
once its lists are shown (or a dialogue opens) and loads nltk off the UI thread. Runs in
a fresh interpreter so nothing is preloaded."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import asyncio, importlib.abc, json, sys, tempfile, threading

    seen = {}

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "nltk" and "import" not in seen:
                seen["import"] = {
                    "after_ready": "ready" in seen,
                    "main_thread": threading.current_thread() is threading.main_thread(),
                }
            return None

    sys.meta_path.insert(0, Watch())

    from assistant.services.library import Library, analysis_facts
    from assistant.store import Store
    from assistant.tui import app as tui_app
    from assistant.tui.screens.home import HomeScreen

    seen["after_imports"] = "nltk" in sys.modules
    original = tui_app.ReflectApp.on_ready

    def spy(self):
        seen["ready"] = {"nltk": "nltk" in sys.modules,
                         "home": isinstance(self.screen, HomeScreen)}
        return original(self)

    tui_app.ReflectApp.on_ready = spy

    async def main():
        with Store.open(tempfile.mkdtemp()) as store:
            app = tui_app.make_app(store, Library(), facts=analysis_facts())
            seen["after_make_app"] = "nltk" in sys.modules
            async with app.run_test() as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                # The warm-up starts once the home screen's lists are on screen.
                for _ in range(600):
                    if app.preloaded:
                        break
                    await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                seen["preloaded"] = "nltk" in sys.modules

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


def test_nltk_is_not_imported_before_home_is_interactive(tmp_path):
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          timeout=120, env={"REFLECT_HOME": str(tmp_path), "PATH": "",
                                            "TERM": "dumb"})
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["after_imports"] is False
    assert seen["after_make_app"] is False
    assert seen["ready"] == {"nltk": False, "home": True}
    # ... and then the analysis is warmed in a worker, not on the UI thread.
    assert seen["preloaded"] is True
    assert seen["import"] == {"after_ready": True, "main_thread": False}


SERVICES_CHILD = textwrap.dedent(
    """
    import asyncio, json, sys

    from assistant.store import Store
    from assistant.tui import app as tui_app
    from assistant.tui.screens.home import HomeScreen
    from textual.widgets import OptionList

    HEAVY = ("assistant.services.library", "jinja2", "yaml", "nltk")
    seen = {"imported_at_start": [m for m in HEAVY if m in sys.modules]}
    original = tui_app.ReflectApp.on_ready

    def ids(screen):
        scripts = screen.query_one("#scripts", OptionList)
        return [scripts.get_option_at_index(i).id for i in range(scripts.option_count)]

    def spy(self):
        seen["ready"] = {"imported": [m for m in HEAVY if m in sys.modules],
                         "home": isinstance(self.screen, HomeScreen),
                         "scripts": ids(self.screen)}
        return original(self)

    tui_app.ReflectApp.on_ready = spy

    async def main():
        with Store.open(sys.argv[1]) as store:
            app = tui_app.home_app(store)
            async with app.run_test() as pilot:
                for _ in range(300):
                    await pilot.pause(0.02)
                    if app.preloaded and all(ids(app.screen)):
                        break
                await app.workers.wait_for_complete()
                seen["scripts"] = ids(app.screen)

    asyncio.run(main())
    print(json.dumps(seen))
    """
)


def _start_home(data_home) -> dict:
    done = subprocess.run([sys.executable, "-c", SERVICES_CHILD, str(data_home)],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "", "TERM": "dumb"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_home_screen_lists_the_dialogues_in_its_first_frame_from_the_catalogue(tmp_path):
    """`reflect` (home_app): neither the library, Jinja2, PyYAML nor nltk is imported
    for the first frame. The first start reads the dialogues after it (and writes the
    catalogue); from the second start on they are in the first frame."""
    from assistant.services.catalogue import cache_file

    first = _start_home(tmp_path)
    assert first["imported_at_start"] == []
    assert first["ready"]["imported"] == []
    assert first["ready"]["home"] is True
    assert first["ready"]["scripts"] == [None]  # "Reading the dialogues…"
    assert "goal-clarification" in first["scripts"]
    assert oct(cache_file(tmp_path).stat().st_mode & 0o777) == "0o600"

    second = _start_home(tmp_path)
    assert second["ready"]["imported"] == []
    assert second["ready"]["scripts"] == first["scripts"]


async def test_services_that_fail_end_the_app_with_their_error(tmp_path):
    from assistant.core.diagnostics import Diagnostic, LoadError
    from assistant.store import Store
    from assistant.tui.app import make_app

    def broken():
        raise LoadError([Diagnostic("prompts/x.yaml", 1, 1, "RS029", "cannot read", "fix")])

    with Store.open(tmp_path) as store:
        app = make_app(store, None, services=broken)
        async with app.run_test() as pilot:
            app.prepare()
            for _ in range(250):
                if app.return_value is not None:
                    break
                await pilot.pause(0.02)
    assert app.return_value == 1
    assert isinstance(app.services_error, LoadError)


def test_cli_app_arguments_take_the_short_path_and_agree_with_the_full_parser():
    from assistant.cli import main as cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert sorted(sub.choices) == sorted(cli.COMMANDS)
    for argv in ([], ["--lang", "de"], ["--data-dir", "/x", "--lang=da"], ["--prompts", "p"],
                 ["--lang", " DA "], ["--data-dir="], ["--rules", "r", "--rules", "s"],
                 ["--data-dir", "a=b", "--prompts=c=d"]):
        short = cli._app_args(argv)
        assert short is not None, argv
        assert vars(short) == vars(parser.parse_args(argv)), argv
    for argv in (["list"], ["--lang", "xx"], ["--data-dir", "run"], ["--bogus"], ["-h"],
                 ["--version"], ["--data-dir"], ["--data-dir", "--lang", "de"], ["--data", "x"],
                 ["--lang=", "en"], ["x"]):
        assert cli._app_args(argv) is None, argv


def test_starting_the_app_does_not_import_argparse():
    code = ("import sys, assistant.cli.main as cli; assert cli._app_args(['--lang', 'de']); "
            "print('argparse' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"
