"""Exports land where the person chose, private, and every surface says where (issue 13,
item 7).

`reflect export` and the TUI's save keys used to write into the current folder: under
`make run` that is the repository, where `git add -A` would commit private answers. Now
they go to `Reflect` in the documents folder unless the person names another place.
Every test here runs with a temporary HOME and XDG config folder, so nothing touches
the real home; the CLI runs as real `reflect` processes, from the repository (as
`make run` does) unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from assistant.services.dialogue import Dialogue
from assistant.services.library import Library
from assistant.store import Store
from assistant.tui.app import make_app
from assistant.tui.screens.save import SaveScreen
from assistant.tui.screens.summary import SummaryScreen

from .plain_driver import ROOT, reflect_cmd

SCRIPT = "trust-check-in"
ANSWER = "I felt heard when we talked about the Zanzibar project"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary HOME (with a private XDG config folder and no user-dirs.dirs)."""
    home = tmp_path / "home"
    config = home / ".config"
    config.mkdir(parents=True, mode=0o700)
    config.chmod(0o700)
    home.chmod(0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


@pytest.fixture
def session(data_home: Path) -> str:
    with Store.open(data_home) as store:
        d = Dialogue.start(store, Library(), SCRIPT)
        turn = d.current()
        while turn.kind != "done":
            if turn.kind == "text":
                turn = d.answer(ANSWER)
            elif turn.kind == "scale":
                turn = d.answer(4)
            elif turn.kind in ("choice", "multi"):
                turn = d.answer(turn.step.options[0].value if turn.kind == "choice"
                                else [turn.step.options[0].value])
            elif turn.kind == "yesno":
                turn = d.answer(True)
            else:
                turn = d.answer(None)
        return d.id


def reflect(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(reflect_cmd(*args), capture_output=True, text=True, timeout=60,
                          cwd=cwd, env=dict(os.environ))


def repo_files() -> set[str]:
    return {str(p.relative_to(ROOT)) for p in ROOT.glob("*")}


def test_export_goes_to_the_documents_folder_not_the_repository(home: Path, session) -> None:
    before = repo_files()
    done = reflect("export")
    assert done.returncode == 0, done.stderr
    folder = home / "Documents" / "Reflect"
    path = folder / f"reflect-export-{dt.date.today():%Y-%m-%d}.json"
    assert path.is_file() and mode(path) == 0o600 and mode(folder) == 0o700
    assert f"Saved to {path} (readable only by you)." in done.stderr
    assert done.stdout == ""
    assert ANSWER in path.read_text() and json.loads(path.read_text())["version"] == 1
    assert repo_files() == before  # nothing new where `make run` runs

    again = reflect("export")  # the same day: the day's file is replaced, still private
    assert again.returncode == 0 and mode(path) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_export_follows_the_desktops_documents_folder(home: Path, session) -> None:
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n')
    (home / "Dokumente").mkdir()
    done = reflect("export")
    assert done.returncode == 0, done.stderr
    path = home / "Dokumente" / "Reflect" / f"reflect-export-{dt.date.today():%Y-%m-%d}.json"
    assert path.is_file() and str(path) in done.stderr
    assert not (home / "Documents").exists()


def test_an_explicit_output_is_honoured_relative_or_folder_or_stdout(home: Path, session,
                                                                    tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = reflect("export", "-o", "mine.json", cwd=work)  # relative: from where I am
    assert done.returncode == 0, done.stderr
    assert (work / "mine.json").is_file() and mode(work / "mine.json") == 0o600
    assert f"Saved to {work / 'mine.json'} (readable only by you)." in done.stderr

    old = work / "old.json"  # an existing, world-readable file is replaced privately
    old.write_text("{}")
    old.chmod(0o644)
    assert reflect("export", "-o", "old.json", cwd=work).returncode == 0
    assert mode(old) == 0o600 and ANSWER in old.read_text()

    done = reflect("export", "-o", str(work))  # a folder: the default name in it
    name = f"reflect-export-{dt.date.today():%Y-%m-%d}.json"
    assert done.returncode == 0 and (work / name).is_file()
    assert str(work / name) in done.stderr

    done = reflect("export", "-o", "new/", cwd=work)  # named as a folder: created private
    assert done.returncode == 0 and mode(work / "new") == 0o700
    assert (work / "new" / name).is_file()

    done = reflect("export", "-o", "-")
    assert done.returncode == 0 and json.loads(done.stdout)["version"] == 1
    assert ANSWER in done.stdout and "Saved" not in done.stderr
    assert not (home / "Documents").exists()


def test_summary_output_says_where_and_a_typo_folder_is_an_error(home: Path, session,
                                                                tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    printed = reflect("summary", session, cwd=work)
    assert printed.returncode == 0 and ANSWER in printed.stdout and list(work.iterdir()) == []

    done = reflect("summary", session, "-o", "card.md", cwd=work)
    assert done.returncode == 0, done.stderr
    assert mode(work / "card.md") == 0o600 and ANSWER in (work / "card.md").read_text()
    assert f"Saved to {work / 'card.md'} (readable only by you)." in done.stderr

    done = reflect("summary", session, "--format", "html", "-o", ".", cwd=work)
    path = work / f"reflect-{SCRIPT}-{session}.html"
    assert done.returncode == 0 and path.is_file() and str(path) in done.stderr

    done = reflect("summary", session, "-o", "nowhere/card.md", cwd=work)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"reflect: cannot save {work / 'nowhere' / 'card.md'}: "
                                  f"the folder {work / 'nowhere'} does not exist")
    assert not (work / "nowhere").exists()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_tui_save_asks_for_the_folder_defaults_to_documents_and_says_where(
        home: Path, data_home: Path, session, tmp_path: Path) -> None:
    with Store.open(data_home) as store:
        app = make_app(store, Library())  # as `reflect` builds it: no folder given
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.push_screen(SummaryScreen(session))
            await settle(pilot)
            summary = app.screen

            def status() -> str:
                return str(summary.query_one("#summary-status", Label).content)

            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, SaveScreen)
            folder = home / "Documents" / "Reflect"
            assert app.screen.query_one(Input).value == str(folder)
            await pilot.press("enter")
            await settle(pilot)
            path = folder / f"reflect-{SCRIPT}-{session}.md"
            assert app.screen is summary
            assert path.is_file() and mode(path) == 0o600 and mode(folder) == 0o700
            assert ANSWER in path.read_text()
            assert status() == f"Saved as {path} (only you can read it)."

            await pilot.press("j")  # another folder, typed: created, and remembered
            await settle(pilot)
            chosen = tmp_path / "shared-with-nobody"
            app.screen.query_one(Input).value = str(chosen)
            await pilot.press("enter")
            await settle(pilot)
            assert (chosen / f"reflect-{SCRIPT}-{session}.json").is_file()
            assert mode(chosen) == 0o700 and str(chosen) in status()
            await pilot.press("w")
            await settle(pilot)
            assert app.screen.query_one(Input).value == str(chosen)
            await pilot.press("escape")  # Esc saves nothing
            await settle(pilot)
            assert app.screen is summary
            assert not (chosen / f"reflect-{SCRIPT}-{session}.html").exists()

            (tmp_path / "a-file").write_text("")
            await pilot.press("w")
            await settle(pilot)
            app.screen.query_one(Input).value = str(tmp_path / "a-file")
            await pilot.press("enter")
            await settle(pilot)
            assert status() == (f"Could not save {tmp_path / 'a-file'}/reflect-{SCRIPT}-"
                                f"{session}.html: {tmp_path / 'a-file'} is not a folder.")
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
