"""Text typed and not sent survives a pause (Esc), a quit (Ctrl+Q) and going back
(Ctrl+R): it is kept as a draft in the session's store and is back in the field when
the question is shown again. Keys are sent in one burst with the leaving key, as a
person who types and leaves at once does."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, TextArea

from assistant.services.dialogue import Dialogue
from assistant.tui.screens.home import HomeScreen

from .test_tui import run_until, screen, settle, transcript_text
from .test_tui_typing import app_for, at_step, burst, keys_of

SCRIPT = "goal-clarification"
DRAFT = "We went to the lake, and then"




def drafts(store, session_id: str) -> list[str]:
    return [e.payload["text"] for e in store.events(session_id) if e.kind == "draft"]


def field_text(pilot) -> str:
    field = screen(pilot).query_one("#answer-text, #answer-line")
    return field.text if isinstance(field, TextArea) else field.value


async def resume_from_home(pilot) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)
    unfinished = pilot.app.screen.query_one("#unfinished", OptionList)
    unfinished.focus()
    unfinished.highlighted = 0
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("step_id", ["wish", "measure"])  # several lines / one line
async def test_a_draft_is_kept_on_pause_and_back_in_the_field_on_resume(store, library,
                                                                        tmp_path, step_id):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    notices = []
    app.notify = lambda message, **kw: notices.append(message)  # what the person reads
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step(step_id))
        session = screen(pilot).session_id
        burst(pilot, [*keys_of(DRAFT), "escape"])
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert drafts(store, session) == [DRAFT]
        assert notices and "kept as a draft" in notices[-1]

        await resume_from_home(pilot)
        assert screen(pilot).turn.step.id == step_id
        assert field_text(pilot) == DRAFT
        assert "What you had typed last time is back in the field" in transcript_text(pilot)
        await pilot.press(*keys_of(" a swim."), "ctrl+s")
        await settle(pilot)
    answers = [e.payload["value"] for e in store.events(session)
               if e.kind == "answered" and e.payload["step"] == step_id]
    assert answers == [DRAFT + " a swim."]
    resumed = Dialogue.resume(store, library, session)
    assert not resumed.has_draft  # sent: no longer a draft


async def test_ctrl_q_with_a_draft_keeps_it_and_says_so(store, library, tmp_path):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step("wish"))
        session = screen(pilot).session_id
        burst(pilot, [*keys_of(DRAFT), "ctrl+q"])
        await settle(pilot)
    assert drafts(store, session) == [DRAFT]
    assert app.farewell == ("Your answers are saved, and the text you had not sent yet is "
                            f"kept as a draft. Continue with: reflect resume {session}")


async def test_ctrl_q_without_a_draft_says_only_what_is_true(store, library, tmp_path):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step("wish"))
        session = screen(pilot).session_id
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert drafts(store, session) == []
    assert app.farewell == f"Your answers are saved. Continue with: reflect resume {session}"


async def test_text_typed_before_going_back_is_there_when_coming_forward(store, library,
                                                                         tmp_path):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step("measure"))
        burst(pilot, [*keys_of("Three talks"), "ctrl+r"])
        await settle(pilot)
        assert screen(pilot).turn.step.id != "measure"
        await run_until(pilot, {}, at_step("measure"))
        assert screen(pilot).query_one("#answer-line", Input).value == "Three talks"


async def test_resume_after_going_back_continues_at_the_first_open_question(store, library,
                                                                            tmp_path):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step("confidence"))
        for _ in range(3):
            await pilot.press("ctrl+r")
            await settle(pilot)
        assert screen(pilot).turn.step.id != "confidence"
        await pilot.press("escape")
        await settle(pilot)
        await resume_from_home(pilot)
        assert screen(pilot).turn.step.id == "confidence"
