"""A stateful property test of the dialogue engine and the store together.

Hypothesis drives one session of the branching fixture script (a choice that branches,
a loop, follow-up questions, an optional step, a review) with any sequence of: answer
(valid and invalid input, text, numbers, labels), skip, back, edit from the review,
a draft, pause and resume, and kill and restart (the store's connection is dropped
without closing, as a killed process leaves it, and the same file is opened again).
Every step uses a real SQLite file in a private temporary data home.

After every step it checks that
- the store holds the truth: replaying the stored events gives exactly the state in
  memory;
- no confirmed answer is lost: the latest answer (or skip) of every question is on the
  live path, or, when its question left the path, among the superseded answers; an
  answer is superseded only when the path no longer has its question;
- the summary never shows a superseded answer, and shows every answer on the path;
- a resumed session continues at the first question on the path still to answer (or
  at an earlier one whose draft is waiting), with the same answers as before.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import event as label
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from assistant.core.stepper import Event, Stepper
from assistant.services.dialogue import Dialogue
from assistant.services.library import Library
from assistant.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "scripts"
LIBRARY = Library(prompts=FIXTURES, rules=FIXTURES)
SCRIPT = "branching"
SKIPPED = object()


def state(stepper: Stepper) -> tuple:
    """What a person can see of a dialogue: the turn, the path's answers, the superseded.
    (Not the "that is brief" warning: it is said once, not again to a resumed session.)"""
    turn = stepper.current()
    turn = replace(turn, notes=tuple(n for n in turn.notes if n.kind != "warning"))
    path = [(v.step, v.n, v.value, v.skipped, v.answered, tuple(p.text for p in v.probes),
             v.draft) for v in stepper.path]
    gone = [(v.step, v.n, v.value, v.skipped) for v in stepper.superseded]
    return turn, stepper.cursor, path, gone, stepper.finished


def first_open(stepper: Stepper) -> int:
    """Where a resumed session must continue: the first question on the path still to
    answer (or with a draft waiting); the last one when all are answered (after going
    back from a follow-up, nothing follows its question yet)."""
    for i, v in enumerate(stepper.path):
        if v.draft or not (v.answered or v.skipped) or v.pending is not None:
            return i
    return len(stepper.path) - 1


class DialogueAndStore(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # A real SQLite file; in memory-backed /dev/shm where there is one, so that the
        # thousands of synchronous commits wait for no disk.
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.home = Path(tempfile.mkdtemp(prefix="reflect-states-", dir=where))
        self.home.chmod(0o700)
        self.store = Store.open(self.home)
        self.killed: list[Store] = []  # connections left open, as a killed process does
        self.dialogue = Dialogue.start(self.store, LIBRARY, SCRIPT)
        self.confirmed: dict[tuple[str, int], object] = {}
        self.probes: dict[tuple[str, int], list[str]] = {}
        self.words = 0

    def teardown(self) -> None:
        for store in [self.store, *self.killed]:
            store.close()
        shutil.rmtree(self.home, ignore_errors=True)

    # ------------------------------------------------------------------ helpers

    @property
    def stepper(self) -> Stepper:
        return self.dialogue.stepper

    def fresh_text(self, words: int) -> str:
        """An answer no other answer contains (so the summary can be searched for it)."""
        self.words += 1
        return " ".join(["word"] * (words - 1) + [f"ans{self.words}x"])

    def act(self, action) -> None:
        """Run `action`, then note what the person confirmed with it."""
        s = self.stepper
        if s.finished:
            return
        visit = s.path[s.cursor]
        key = (visit.step, visit.n)
        was = (visit.value, visit.done)
        seen = len(s.events)
        gone = len(s.superseded)
        action()
        for event in s.events[seen:]:
            if event.kind == "answered":
                if not (was[1] and was[0] == event.value and key in self.confirmed):
                    self.probes[key] = []  # a new answer: its follow-ups start again
                self.confirmed[key] = event.value
            elif event.kind == "skipped" and not event.rule:
                self.confirmed[key] = SKIPPED
                self.probes[key] = []
            elif event.kind == "probe_answered":
                self.probes.setdefault(key, []).append(event.text)
        on_path = {(v.step, v.n) for v in s.path}
        if len(s.superseded) > gone:
            label("answers superseded")
        if any(v.recalled is not None and not v.answered for v in s.path):
            label("a superseded answer offered again")
        for v in s.superseded[gone:]:
            assert (v.step, v.n) not in on_path, f"{v.step} superseded but still on the path"

    # ------------------------------------------------------------------ rules

    @precondition(lambda self: not self.stepper.finished
                  and self.stepper.current().kind != "review")
    @rule(data=st.data())
    def answer(self, data) -> None:
        turn = self.stepper.current()
        if turn.kind == "text":
            value = data.draw(st.sampled_from([None, "", 2, 5]))
            value = self.fresh_text(value) if isinstance(value, int) else value
        elif turn.kind == "probe":
            value = data.draw(st.sampled_from(["", "text"]))
            value = self.fresh_text(3) if value else value
        elif turn.kind == "choice":
            value = data.draw(st.sampled_from([1, 2, "1", "2", "left", "Right", 3, "up"]))
        elif turn.kind == "scale":
            value = data.draw(st.sampled_from([1, 3, 5, "4", 0, 9, "", None]))
        elif turn.kind == "yesno":
            value = data.draw(st.sampled_from([True, False, "yes", "no", "maybe", ""]))
        else:
            value = None
        self.act(lambda: self.dialogue.answer(value))

    @precondition(lambda self: not self.stepper.finished
                  and self.stepper.current().kind != "review")
    @rule(data=st.data(), turns=st.integers(1, 10))
    def answer_several(self, data, turns: int) -> None:
        """Answer up to `turns` questions validly in a row (a person getting on with it),
        so that runs reach the review and its edits."""
        for _ in range(turns):
            turn = self.stepper.current()
            if turn.kind in ("review", "done"):
                return
            if turn.kind == "text":
                value = self.fresh_text(data.draw(st.sampled_from([2, 5])))
            elif turn.kind == "probe":
                value = data.draw(st.sampled_from(["", self.fresh_text(3)]))
            elif turn.kind == "choice":
                value = data.draw(st.integers(1, len(turn.options)))
            elif turn.kind == "scale":
                value = data.draw(st.integers(turn.step.min, turn.step.max))
            elif turn.kind == "yesno":
                value = data.draw(st.booleans())
            else:
                value = None
            self.act(lambda value=value: self.dialogue.answer(value))

    @precondition(lambda self: not self.stepper.finished)
    @rule()
    def skip(self) -> None:
        self.act(self.dialogue.skip)

    @precondition(lambda self: not self.stepper.finished)
    @rule()
    def back(self) -> None:
        self.act(self.dialogue.back)

    @precondition(lambda self: not self.stepper.finished
                  and self.stepper.current().kind == "review")
    @rule(data=st.data())
    def edit_from_review(self, data) -> None:
        review = self.stepper.current().review
        item = data.draw(st.sampled_from(review))
        label("edit from the review")
        self.act(lambda: self.dialogue.edit(item.step, item.visit))

    @precondition(lambda self: not self.stepper.finished
                  and self.stepper.current().kind == "review"
                  and len(self.stepper.events) > 15)
    @rule()
    def finish(self) -> None:
        self.act(lambda: self.dialogue.answer(True))
        assert self.stepper.finished
        label("finished")

    @precondition(lambda self: not self.stepper.finished
                  and self.stepper.current().kind in ("text", "probe"))
    @rule(empty=st.booleans())
    def draft(self, empty: bool) -> None:
        text = "" if empty else self.fresh_text(4)
        self.act(lambda: self.dialogue.draft(text))

    @rule()
    def pause_and_resume(self) -> None:
        self.reopen(self.store)

    @rule()
    def kill_and_restart(self) -> None:
        self.killed.append(self.store)  # not closed
        self.reopen(Store.open(self.home))

    def reopen(self, store: Store) -> None:
        before = self.stepper
        if not before.finished and before.cursor != first_open(before):
            label("resumed after going back or inside an edit")
        before.resume()  # what a resumed session must show: where it continues
        expected = state(before)
        self.store = store
        self.dialogue = Dialogue.resume(store, LIBRARY, self.dialogue.id)
        if not self.stepper.finished:
            self.dialogue.continue_here()
        assert state(self.stepper) == expected
        if not self.stepper.finished:
            assert self.stepper.cursor == first_open(self.stepper)

    # ------------------------------------------------------------------ invariants

    @invariant()
    def the_store_holds_the_state(self) -> None:
        events = [Event.from_payload(e.kind, e.payload, e.at)
                  for e in self.store.events(self.dialogue.id)]
        script = self.stepper.script
        assert state(Stepper(script, events=events)) == state(self.stepper)

    @invariant()
    def no_confirmed_answer_is_lost(self) -> None:
        s = self.stepper
        for key, value in self.confirmed.items():
            live = [v for v in s.path if (v.step, v.n) == key and (v.answered or v.skipped)]
            if live:
                visit = live[0]
            else:
                gone = [v for v in s.superseded if (v.step, v.n) == key]
                assert gone, f"the answer of {key} is neither on the path nor superseded"
                visit = gone[-1]
            if value is SKIPPED:
                assert visit.skipped, key
            else:
                assert visit.answered and not visit.skipped and visit.value == value, key
                if live:
                    assert [p.text for p in visit.probes] == self.probes.get(key, []), key

    @invariant()
    def the_summary_shows_the_path_and_nothing_superseded(self) -> None:
        s = self.stepper
        live = {v.value for v in s.live_visits() if isinstance(v.value, str)}
        summary = self.dialogue.summary("md")
        for v in s.live_visits():
            if s.script.step(v.step).kind == "text" and v.answered and v.value:
                assert v.value in summary, v.step
        for v in s.superseded:
            if isinstance(v.value, str) and "ans" in v.value and v.value not in live:
                assert v.value not in summary, f"superseded {v.step} shown in the summary"

    @invariant()
    def the_path_before_the_cursor_is_answered(self) -> None:
        s = self.stepper
        if not s.finished:
            assert s.cursor <= first_open(s) or s.path[s.cursor].draft


DialogueAndStore.TestCase.settings = settings(max_examples=200, stateful_step_count=30)
test_dialogue_and_store = DialogueAndStore.TestCase
