"""Start-up: the home screen is interactive before nltk is imported; the warm-up starts
once its lists are shown (or a dialogue opens) and loads nltk off the UI thread. Runs in
a fresh interpreter so nothing is preloaded."""

from __future__ import annotations

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

    from assistant.library import Library, analysis_facts
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
                    if app._preloaded:
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
