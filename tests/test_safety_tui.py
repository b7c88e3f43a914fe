"""The app: a safety notice says the answer is private and ^k keeps it in the summary."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from assistant.services.dialogue import Dialogue
from assistant.services.library import Library, analysis_facts
from assistant.store import Store
from assistant.tui.screens.home import HomeScreen
from tests.test_tui import answer_current, make, screen, settle, transcript_text


@pytest.fixture
def store(data_home):
    with Store.open(data_home) as s:
        yield s


@pytest.fixture
def library():
    return Library()

SCRIPT = "goal-clarification"
CRISIS = "Honestly I don't want to be alive anymore, everything feels pointless"


async def test_a_notice_offers_to_keep_the_answer_and_ctrl_k_keeps_it(store, library, tmp_path):
    script = library.script(SCRIPT, "en")
    first_text = next(s.id for s in script.steps if s.kind == "text" and s.required)
    app = make(store, library, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        scripts = app.screen.query_one("#scripts", OptionList)
        scripts.highlighted = scripts.get_option_index(SCRIPT)
        await pilot.press("enter")
        await settle(pilot)
        while screen(pilot).turn.step.id != first_text:
            await answer_current(pilot, {})
        assert not screen(pilot).check_action("keep", ())  # nothing private yet
        await answer_current(pilot, {first_text: CRISIS})
        shown = transcript_text(pilot)
        assert "Samaritans" in shown and "116 123" in shown
        assert "To keep it in, press ^k." in shown
        assert screen(pilot).check_action("keep", ())
        session = screen(pilot).dialogue.id
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert "Kept: this answer will be in the summary you share." in transcript_text(pilot)
        assert not screen(pilot).check_action("keep", ())  # kept: nothing left to keep
    d = Dialogue.resume(store, library, session, facts=analysis_facts())
    assert d.stepper.keepable() is None
    assert CRISIS in d.summary("md")
