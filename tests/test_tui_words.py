"""The app in German and Danish is in German and Danish everywhere: the command palette
(its search field and every command, Textual's own included), the footer (Textual's
"palette" key included) and the notices (Textual's own "Do you want to quit?" too).

Each runs the real app under Pilot and reads what the screen shows."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from assistant.services.library import Library
from assistant.store import Store
from assistant.tui.app import make_app

#: Words Textual says on its own; none may show in a German or Danish app.
TEXTUAL_ENGLISH = ("palette", "Quit", "Keys", "Theme", "Screenshot", "Maximize", "Minimize",
                   "Search for commands", "Do you want to quit", "to quit the app")

EXPECTED = {
    "de": {"placeholder": "Befehle suchen …", "palette_key": "Befehle", "quit": "Beenden",
           "footer": ["Verlauf", "Sprache", "Beenden", "Tasten", "Befehle"],
           "notice_title": "Möchtest du beenden?",
           "notice": "Drück q, um Reflect zu beenden."},
    "da": {"placeholder": "Søg efter kommandoer …", "palette_key": "Kommandoer",
           "quit": "Afslut", "footer": ["Historik", "Sprog", "Afslut", "Taster", "Kommandoer"],
           "notice_title": "Vil du afslutte?",
           "notice": "Tryk q for at afslutte Reflect."},
}


@pytest.fixture
def store(data_home):
    with Store.open(data_home) as s:
        yield s


@pytest.fixture(scope="module")
def library():
    return Library()


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def footer_words(screen) -> list[str]:
    return [key.description for key in screen.query("FooterKey") if key.display]


def english_in(texts: list[str]) -> list[str]:
    return [text for text in texts for word in TEXTUAL_ENGLISH if word in text]


@pytest.mark.parametrize("lang", ["de", "da"])
async def test_palette_footer_and_notice_speak_the_apps_language(store, library, tmp_path,
                                                                 lang):
    want = EXPECTED[lang]
    app = make_app(store, library, lang=lang, export_dir=tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        footer = footer_words(app.screen)
        assert footer == want["footer"]
        assert english_in(footer) == []

        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == want["placeholder"]
        results = app.screen.query_one(OptionList)
        shown = [str(results.get_option_at_index(i).prompt)
                 for i in range(results.option_count)]
        assert len(shown) > 8, shown  # the dialogues, pair, practice, history, ... quit
        assert any(want["quit"] in text for text in shown)
        assert english_in(shown) == []

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+c")  # Textual's "it no longer quits" notice (q on home)
        await settle(pilot)
        notices = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert notices == [f"{want['notice_title']}\n{want['notice']}"]


async def test_the_palette_follows_a_language_switch(store, library, tmp_path):
    app = make_app(store, library, lang="en", export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert footer_words(app.screen)[-1] == "Commands"
        app.set_lang("da")
        await settle(pilot)
        assert footer_words(app.screen)[-1] == "Kommandoer"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Afslut" in titles and "Quit" not in titles


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "1 session · Enter opens the summary", "2 sessions · Enter opens the summary"),
    ("de", "1 Sitzung · Enter öffnet die Zusammenfassung",
     "2 Sitzungen · Enter öffnet die Zusammenfassung"),
    ("da", "1 session · Enter åbner opsummeringen", "2 sessioner · Enter åbner opsummeringen"),
])
async def test_history_counts_one_session_in_the_singular(store, library, tmp_path, lang, one,
                                                          two):
    from textual.widgets import Label

    from assistant.services.dialogue import Dialogue

    first = Dialogue.start(store, library, "goal-clarification", lang=lang)
    first.answer(None)
    first.answer("skills")
    app = make_app(store, library, lang=lang, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert str(app.screen.query_one("#history-count", Label).content) == one
        second = Dialogue.start(store, library, "goal-clarification", lang=lang)
        second.answer(None)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert str(app.screen.query_one("#history-count", Label).content) == two
