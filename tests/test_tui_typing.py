"""The TUI as a fast typist, a paste or `tmux send-keys` uses it: keys arrive in one burst.

A terminal delivers a burst of input as one read; Textual's driver posts every key to
the app at once, without waiting for any of them to be handled. `burst` does the same
(the app's public `post_message`, as the driver does), so these tests see what a person
typing "Not much really." and Ctrl+S within a few milliseconds sees. `pilot.press`
waits for the app to go idle after each key, which hides ordering problems; both are
used here.
"""

from __future__ import annotations

import unicodedata

import pytest
from textual import events

from assistant.services.library import analysis_facts
from assistant.tui.app import make_app

from .test_tui import run_until, screen, settle

SCRIPT = "goal-clarification"


def app_for(store, library, tmp_path, **kwargs):
    return make_app(store, library, export_dir=tmp_path, facts=analysis_facts(), **kwargs)


def keys_of(text: str) -> list[str]:
    """The key names a terminal sends for `text`."""
    out = []
    for c in text:
        if c == " ":
            out.append("space")
        elif c.isalnum():
            out.append(c)
        else:
            out.append(unicodedata.name(c).lower().replace(" ", "_").replace("-", "_"))
    return out


def burst(pilot, keys: list[str]) -> None:
    """Post every key to the app at once, as the terminal driver does for one read."""
    app = pilot.app
    for key in keys:
        char = key if len(key) == 1 else {"space": " ", "full_stop": ".", "comma": ","}.get(key)
        event = events.Key(key, char)
        app.post_message(event)


def stored_answer(store, session_id: str, step: str) -> str:
    answers = [e.payload.get("value") for e in store.events(session_id)
               if e.kind == "answered" and e.payload.get("step") == step]
    assert answers, f"no answer stored for {step}"
    return answers[-1]


def at_step(step_id: str):
    return lambda turn: turn is not None and turn.kind != "probe" and turn.step is not None \
        and turn.step.id == step_id


@pytest.mark.parametrize("step_id", ["wish", "measure"])  # several lines / one line
async def test_text_and_ctrl_s_in_one_burst_store_all_of_the_text(store, library, tmp_path,
                                                                     step_id):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step(step_id))
        multiline = screen(pilot).turn.step.multiline
        assert multiline == (step_id == "wish")
        burst(pilot, [*keys_of("Not much really."), "ctrl+s"])
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, step_id) == "Not much really."


@pytest.mark.parametrize("step_id", ["wish", "measure"])
async def test_keys_typed_after_ctrl_s_are_not_part_of_the_answer(store, library, tmp_path,
                                                                  step_id):
    """`tmux send-keys 'Not much really.' C-s 'And'`: the answer ends at Ctrl+S."""
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step(step_id))
        burst(pilot, [*keys_of("Not much really."), "ctrl+s", *keys_of("And")])
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, step_id) == "Not much really."
        # ... and they are not lost either: they are in the next question's field.
        turn = screen(pilot).turn
        assert turn.kind in ("text", "probe")
        assert screen(pilot).answer_input.value == "And"  # the input shown


@pytest.mark.parametrize("step_id", ["wish", "measure"])
async def test_text_and_ctrl_s_pressed_together_store_all_of_the_text(store, library, tmp_path,
                                                                        step_id):
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step(step_id))
        await pilot.press(*keys_of("We went to the lake."), "ctrl+s")
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, step_id) == "We went to the lake."


async def test_a_burst_into_a_multiple_choice_sends_the_ticks_it_contains(store, library,
                                                                          tmp_path):
    """Space ticks, Ctrl+S sends: in one burst, the tick is part of the answer."""
    script = library.script("evaluation-reflection", "en")
    multi = next(s for s in script.steps if s.kind == "multi")
    app = app_for(store, library, tmp_path, start="evaluation-reflection")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step(multi.id))
        burst(pilot, ["down", "space", "ctrl+s"])
        await settle(pilot)
        assert stored_answer(store, screen(pilot).session_id, multi.id) == [
            multi.options[1].value]


@pytest.mark.parametrize(("step_id", "send"), [
    ("area", ["enter"]),          # a choice, answered with Enter
    ("area", ["1"]),              # ... or with its number
    ("confidence", ["4"]),        # a rating, with its digit
    ("another-step", ["n"]),      # yes/no, with its letter
    ("another-step", ["enter"]),  # ... or Enter on the button that has the focus
])
async def test_text_typed_right_after_a_non_text_answer_lands_in_the_next_text_field(
        store, library, tmp_path, step_id, send):
    """Enter on a choice, then straight on with the next answer: a fast typist does not
    wait for the next question to appear, and nothing they type may be lost, nor taken
    as a second answer to the question just answered ('n' of 'no idea' after yes/no)."""
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {"first-step": "Ask Sam for feedback on Friday"},
                        at_step(step_id))
        focused = pilot.app.focused
        burst(pilot, [*send, *keys_of("no idea yet, Sam")])
        await settle(pilot)
        turn = screen(pilot).turn
        assert turn.step.id != step_id
        assert turn.kind in ("text", "probe"), turn.kind
        assert screen(pilot).answer_input.value == "no idea yet, Sam"
        answers = [e.payload.get("value") for e in store.events(screen(pilot).session_id)
                   if e.kind == "answered" and e.payload.get("step") == step_id]
        assert len(answers) == 1
        if send == ["enter"] and step_id == "another-step":  # the button Enter was on
            assert answers == [focused.id == "yes"]


async def test_an_answer_typed_ahead_and_sent_after_a_choice_is_stored_and_the_rest_kept(
        store, library, tmp_path):
    """`tmux send-keys Enter 'I want to present clearly' C-s 'because I freeze' Escape`:
    the choice, then the wish sent with Ctrl+S, then the start of the next answer kept."""
    app = app_for(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, at_step("area"))
        burst(pilot, ["enter", *keys_of("I want to present my results clearly to the board"),
                      "ctrl+s", *keys_of("because I freeze")])
        await settle(pilot)
        session = screen(pilot).session_id
        assert stored_answer(store, session, "wish") == (
            "I want to present my results clearly to the board")
        assert screen(pilot).turn.step.id != "area"
        assert screen(pilot).answer_input.value == "because I freeze"
