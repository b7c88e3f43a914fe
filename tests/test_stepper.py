"""The stepper: a pure fold over events, driven here without any front end or store."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.stepper import Event, Stepper
from assistant.services.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "scripts"


@pytest.fixture(scope="module")
def script():
    lib = Library(prompts=FIXTURES, rules=FIXTURES)
    return lib.script("branching")


def make(script, events=()):
    clock = iter(range(1000, 100000))
    return Stepper(script, clock=lambda: float(next(clock)), events=events)


def ids(stepper):
    return [v.step for v in stepper.live_visits()]


def test_walks_a_branch_and_records_events(script):
    s = make(script)
    assert s.current().kind == "info"
    t = s.answer()
    assert (t.kind, t.step.id) == ("choice", "path")
    t = s.answer("1")  # by number
    assert t.step.id == "left-a"
    t = s.answer("my long enough goal text")
    assert t.step.id == "left-b"
    t = s.answer("b")
    assert t.step.id == "join"  # left-b jumps to join, past right-a
    kinds = [e.kind for e in s.take_events()]
    assert kinds == ["answered"] * 4
    assert s.take_events() == []


def test_probe_fires_once_per_visit_and_is_stored_with_the_step(script):
    s = make(script)
    s.answer()
    s.answer("left")
    t = s.answer("too short")
    assert t.kind == "probe" and t.prompt == "Can you say more?"
    t = s.answer("ok")  # still short, but the rule already fired in this visit
    assert t.kind == "text" and t.step.id == "left-b"
    visit = s.live_visits()[-1]
    assert visit.step == "left-a"
    assert [p.text for p in visit.probes] == ["ok"]
    events = s.take_events()
    assert [e.kind for e in events][-2:] == ["answered", "probe_answered"]


def test_second_probe_waits_for_the_first(script):
    s = make(script)
    s.answer()
    s.answer("left")
    t = s.answer("later")  # short AND mentions later: two probe rules match
    assert t.prompt == "Can you say more?"
    t = s.answer("I will do it")
    assert t.prompt == "When exactly?"
    t = s.answer("in march")
    assert t.step.id == "left-b"
    assert [n.text for n in t.notes] == ["A date helps."]
    assert s.variables()[1] == ["dated"]


def test_empty_probe_answer_skips_the_probe(script):
    s = make(script)
    s.answer()
    s.answer("left")
    assert s.answer("short").kind == "probe"
    t = s.answer("")
    assert t.step.id == "left-b"
    assert s.live_visits()[-1].probes == []


def test_invalid_input_is_reasked_twice_then_may_be_skipped(script):
    s = make(script)
    s.answer()
    s.answer("right")
    s.answer("right answer text")
    t = s.current()
    assert t.step.id == "join" and not t.can_skip
    t = s.answer("seven")
    assert t.error and t.step.id == "join" and not t.can_skip
    t = s.answer("9")
    assert t.error and t.can_skip
    t = s.skip()
    assert t.step.id == "item"
    assert s.answers()["join"] is None


def test_skip_of_required_step_is_refused_before_two_invalid_answers(script):
    s = make(script)
    s.answer()
    t = s.skip()
    assert t.step.id == "path" and t.error


def test_min_words_is_a_warning_not_a_block(script):
    s = make(script)
    for value in [None, "right", "something here", "3"]:
        s.answer(value)
    t = s.answer("pen")
    assert t.step.id == "more"
    assert any(n.kind == "warning" for n in t.notes)


def test_loop_runs_at_most_its_bound(script):
    s = make(script)
    for value in [None, "right", "something here", "3"]:
        s.answer(value)
    for n in range(3):
        assert s.current().step.id == "item"
        s.answer(f"item number {n}")
        s.answer("yes")
    # the fourth "yes" would exceed max: 3 visits of item
    assert s.current().step.id == "optional"
    assert [v.n for v in s.live_visits() if v.step == "item"] == [1, 2, 3]


def test_changing_a_branch_supersedes_the_abandoned_answers(script):
    s = make(script)
    s.answer()
    s.answer("left")
    s.answer("left a is long enough")
    s.answer("left b answer")
    assert s.current().step.id == "join"
    s.back()
    s.back()
    t = s.back()
    assert t.step.id == "path" and t.prefill == "left"
    t = s.answer("right")
    assert t.step.id == "right-a"
    assert [v.step for v in s.superseded] == ["left-a", "left-b"]
    assert "left-a" not in ids(s)
    assert "left-a" not in s.answers()


def test_back_then_same_answer_keeps_the_path_ahead(script):
    s = make(script)
    for value in [None, "left", "left a is long enough", "left b answer", "4"]:
        s.answer(value)
    s.back()
    s.back()
    t = s.back()
    assert t.step.id == "left-a"
    t = s.answer("")  # empty keeps the earlier answer
    assert t.step.id == "left-b" and t.prefill == "left b answer"
    assert s.superseded == []


def test_edit_from_review_returns_to_review(script):
    s = make(script)
    for value in [None, "right", "right a", "5", "one two three", "no", ""]:
        s.answer(value)
    t = s.current()
    assert t.kind == "review"
    assert [i.step for i in t.review] == ["path", "right-a", "join", "item", "more", "optional"]
    t = s.edit("join")
    assert t.step.id == "join" and t.prefill == 5
    t = s.answer("2")
    assert t.kind == "review"
    assert s.answers()["join"] == 2
    s.answer()
    assert s.finished and s.current().kind == "done"


def test_state_is_a_fold_over_events(script):
    s = make(script)
    for value in [None, "left", "tiny", "more words here", "left b", "x", "3", "a b c", "yes",
                  "d e f", "no"]:
        s.answer(value)
    s.back()
    s.answer("yes")
    replayed = make(script, events=s.events)
    assert replayed.answers() == s.answers()
    assert replayed.current() == s.current()
    assert [(v.step, v.value) for v in replayed.superseded] == [
        (v.step, v.value) for v in s.superseded]


def test_replay_from_stored_payloads(script):
    s = make(script)
    for value in [None, "left", "tiny goal", "more words here please"]:
        s.answer(value)
    stored = [(e.kind, e.payload(), e.at) for e in s.events]
    replayed = make(script, events=[Event.from_payload(k, p, at) for k, p, at in stored])
    assert replayed.current() == s.current()
    assert replayed.live_visits()[-1].probes[0].text == "more words here please"


def test_answers_are_data_not_templates(script):
    s = make(script)
    s.answer()
    s.answer("left")
    s.answer("{{ 7*7 }} and {% if true %}x{% endif %}")
    assert s.answers()["left-a"] == "{{ 7*7 }} and {% if true %}x{% endif %}"


def test_clock_is_injected(script):
    s = Stepper(script, clock=lambda: 42.0)
    s.answer()
    assert s.events[0].at == 42.0


def test_edit_reopens_the_chosen_visit_of_a_looped_step(script):
    s = make(script)
    for value in [None, "right", "right a", "5", "first one here", "yes", "second one here",
                  "no", ""]:
        s.answer(value)
    review = s.current().review
    items = [(i.step, i.visit) for i in review if i.step == "item"]
    assert items == [("item", 1), ("item", 2)]
    t = s.edit("item", 1)
    assert t.step.id == "item" and t.prefill == "first one here"
    t = s.answer("first one, changed")
    assert t.kind == "review"
    assert [v.value for v in s.live_visits() if v.step == "item"] == [
        "first one, changed", "second one here"]
    replayed = make(script, events=s.events)
    assert replayed.current() == s.current()
