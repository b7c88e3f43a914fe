"""Settings persist: the language and theme chosen in the app are there at the next
start, in a private file in the user config folder; a broken file gives the defaults
and one notice, never a crash. Real files in a temporary config home, the real app
under Pilot."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.store.settings import Settings, read, settings_file, write
from assistant.tui.app import home_app
from assistant.tui.screens.home import HomeScreen

LANGS = ("en", "de", "da")


@pytest.fixture
def xdg_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The platform's user config folder, as on a Linux desktop: under XDG_CONFIG_HOME."""
    monkeypatch.delenv("REFLECT_CONFIG")
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def toasts(app) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_language_and_theme_chosen_in_the_app_are_there_at_the_next_start(
        store, xdg_config):
    where = settings_file()
    assert where == xdg_config / "reflect" / "settings.json"
    app = home_app(store, settings_file=where)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (app.lang, app.theme) == ("en", "textual-dark")
        assert not where.exists()  # nothing chosen, nothing written
        await pilot.press("l")  # English -> German
        await pilot.press("ctrl+t")  # dark -> light
        await settle(pilot)
    assert json.loads(where.read_text(encoding="utf-8")) == {"lang": "de",
                                                             "theme": "textual-light"}
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700

    again = home_app(store, settings_file=where)
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert (again.lang, again.theme) == ("de", "textual-light")
        assert isinstance(again.screen, HomeScreen)
        shown = " ".join(str(label.render()) for label in again.screen.query("Label"))
        assert "Einen Dialog beginnen" in shown
        assert toasts(again) == []


async def test_a_language_given_when_starting_wins_over_the_remembered_one(store):
    where = settings_file()  # REFLECT_CONFIG: the app's own variable
    write(where, Settings(lang="de", theme="textual-light"))
    app = home_app(store, "da", settings_file=where)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert (app.lang, app.theme) == ("da", "textual-light")
    # starting in Danish is not choosing it: the file still says German
    assert json.loads(where.read_text(encoding="utf-8"))["lang"] == "de"


@pytest.mark.parametrize("body", [b"{\"lang\": \"de\"", b"[\"de\"]", b"{\"lang\": \"fr\"}",
                                  b"\xff\xfe\x00garbage", b"{\"theme\": 7}"])
async def test_a_broken_settings_file_gives_the_defaults_and_one_notice(store, body):
    where = settings_file()
    where.parent.mkdir(parents=True)
    where.write_bytes(body)
    app = home_app(store, settings_file=where)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert (app.lang, app.theme) == ("en", "textual-dark")
        shown = toasts(app)
        assert len(shown) == 1 and "could not be used" in shown[0]
        await pilot.press("l")  # choosing mends the file
        await settle(pilot)
    assert read(where, LANGS) == Settings(lang="de", theme="textual-dark")


async def test_settings_that_cannot_be_saved_say_so_and_the_app_goes_on(store, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    where = blocker / "settings.json"
    app = home_app(store, settings_file=where)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "de"
        first, then = toasts(app)
        assert "could not be used" in first  # it could not be read either
        assert "konnten nicht in" in then and "Not a directory" in then
        assert isinstance(app.screen, HomeScreen)


def test_a_folder_where_the_file_should_be_reads_as_the_defaults(tmp_path):
    (tmp_path / "settings.json").mkdir()
    got = read(tmp_path / "settings.json", LANGS)
    assert (got.lang, got.theme) == (None, None) and got.problem
