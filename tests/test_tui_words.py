"""The app's words in the app's language, counts in the right form.

Each runs the real app under Pilot and reads what the screen shows."""

from __future__ import annotations

import pytest

from assistant.services.library import Library
from assistant.store import Store
from assistant.tui.app import make_app


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
