"""Choices and ratings in the TUI, answered the ways a person answers them.

Meeting preparation asks "How much time do you have for the meeting?" with the option
values 30, 60 and 90 (minutes): a position and a value must never be taken for one
another, whether the person presses a number, Enter or clicks. A rating starts with
nothing chosen, so an Enter meant for the page before does not answer it.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from assistant.core.stepper import Stepper

from .test_tui import run_until, screen, settle, transcript_text
from .test_tui_typing import app_for, at_step, stored_answer


async def at_time_question(pilot) -> None:
    await settle(pilot)
    await run_until(pilot, {}, at_step("time"))
    assert screen(pilot).turn.prompt == "How much time do you have for the meeting?"


@pytest.mark.parametrize(("keys", "value"), [(["1"], "30"), (["3"], "90"), (["4"], "open"),
                                             (["enter"], "30"), (["down", "enter"], "60")])
async def test_the_meeting_time_is_answered_by_number_and_by_enter(store, library, tmp_path,
                                                                    keys, value):
    app = app_for(store, library, tmp_path, start="meeting-preparation")
    async with app.run_test(size=(100, 30)) as pilot:
        await at_time_question(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        session = screen(pilot).session_id
        assert stored_answer(store, session, "time") == value
        turn = screen(pilot).turn
        assert not turn.error
        # Half an hour asks for the one topic to cover first; the others do not.
        assert (turn.step.id == "must-cover") == (value == "30")


async def test_the_meeting_time_is_answered_by_a_click(store, library, tmp_path):
    app = app_for(store, library, tmp_path, start="meeting-preparation")
    async with app.run_test(size=(100, 30)) as pilot:
        await at_time_question(pilot)
        options = screen(pilot).query_one("#answer-options", OptionList)
        await pilot.click(options, offset=(4, 1))  # the second line: "2  About an hour"
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, "time") == "60"
        assert not screen(pilot).turn.error


def test_the_stepper_takes_positions_as_numbers_and_values_as_values(library):
    script = library.script("meeting-preparation", "en")
    for given, stored in [(1, "30"), ("1", "30"), (" 2 ", "60"), ("30", "30"), ("90", "90"),
                          ("open", "open"), ("about an hour", "60")]:
        s = Stepper(script)
        while s.current().step.id != "time":
            turn = s.current()
            s.answer("no" if turn.kind == "yesno" else "A clear ending by Friday 12 June")
        turn = s.answer(given)
        assert not turn.error, (given, turn.error)
        assert s.answers()["time"] == stored, given
    s = Stepper(script)
    while s.current().step.id != "time":
        s.answer("no" if s.current().kind == "yesno" else "A clear ending by Friday 12 June")
    assert s.answer("5").error  # neither a position nor a value


# ------------------------------------------------------------------ ratings


async def open_trust_check_in(pilot) -> None:
    await settle(pilot)
    await run_until(pilot, {}, lambda turn: turn is not None and turn.kind == "scale")


async def test_enter_on_a_new_rating_answers_nothing_and_says_what_to_do(store, library,
                                                                         tmp_path):
    app = app_for(store, library, tmp_path, start="trust-check-in")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trust_check_in(pilot)
        step = screen(pilot).turn.step
        await pilot.press("enter")
        await settle(pilot)
        assert screen(pilot).turn.step is step  # still the same question
        assert not [e for e in store.events(screen(pilot).session_id)
                    if e.kind == "answered" and e.payload["step"] == step.id]
        assert (f"Nothing is chosen yet. Press a number from {step.min} to {step.max}"
                in transcript_text(pilot))
        await pilot.press("ctrl+s")  # the send key does not pick a number either
        await settle(pilot)
        assert screen(pilot).turn.step is step
        await pilot.press("right", "right", "enter")  # → starts at the lowest number
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, step.id) == step.min + 1


async def test_enter_twice_from_home_does_not_rate_anything(store, library, tmp_path):
    """Home with the trust check-in highlighted, then two quick Enters: the first opens
    the dialogue, the second lands on its rating and must not answer it."""
    app = app_for(store, library, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        scripts = pilot.app.screen.query_one("#scripts", OptionList)
        ids = [scripts.get_option_at_index(i).id for i in range(scripts.option_count)]
        while scripts.highlighted != ids.index("trust-check-in"):
            await pilot.press("down")
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        turn = screen(pilot).turn
        assert turn.kind == "scale" and turn.step.id == "openness"
        assert store.events(screen(pilot).session_id) == []


async def test_a_rating_answered_before_starts_on_its_number(store, library, tmp_path):
    app = app_for(store, library, tmp_path, start="trust-check-in")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_trust_check_in(pilot)
        step = screen(pilot).turn.step
        await pilot.press(str(step.max))
        await settle(pilot)
        await pilot.press("ctrl+r")  # back to the rating
        await settle(pilot)
        assert screen(pilot).turn.step is step and screen(pilot).turn.prefill == step.max
        await pilot.press("enter")  # keeps the answer
        await settle(pilot)
        assert screen(pilot).turn.step is not step
        assert stored_answer(store, screen(pilot).session_id, step.id) == step.max


# ------------------------------------------------------------------ the review


async def test_changing_the_confidence_on_the_review_keeps_the_later_answers(store, library,
                                                                             tmp_path):
    from textual.widgets import Label

    from assistant.tui.widgets.review_answer import option_id

    plan = {"first-step": "Book a room for the first talk by Monday 2026-05-04",
            "obstacles": "Busy weeks; I will block Tuesday mornings for practice",
            "support": "Feedback on my slides after each talk, by email"}
    app = app_for(store, library, tmp_path, start="goal-clarification")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await run_until(pilot, plan, at_step("confidence"))
        await pilot.press("2")  # low: the dialogue asks what would help
        await settle(pilot)
        assert screen(pilot).turn.step.id == "low-confidence"
        await run_until(pilot, plan, lambda t: t.kind == "review")
        before = screen(pilot).turn
        progress = screen(pilot).query_one("#progress-count", Label)
        assert str(progress.render()) == f"{before.answered} of about {before.answered} answered"

        review = screen(pilot).query_one("#answer-review", OptionList)
        index = [i.step for i in before.review].index("confidence")
        review.highlighted = review.get_option_index(option_id(index))
        await pilot.press("enter")
        await settle(pilot)
        assert screen(pilot).turn.step.id == "confidence"
        await pilot.press("3")
        await settle(pilot)

        turn = screen(pilot).turn
        assert turn.kind == "review"
        kept = [(i.step, i.answer) for i in before.review if i.step != "low-confidence"]
        assert [(i.step, i.answer) for i in turn.review if i.step != "confidence"] == [
            pair for pair in kept if pair[0] != "confidence"]
        assert str(progress.render()) == (f"{before.answered - 1} of about "
                                          f"{before.answered - 1} answered")
