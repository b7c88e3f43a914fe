"""Changing an answer from the review keeps every later answer whose step is still on
the path (issue 13, item 3). Driven on the pure stepper, so the plain mode, the TUI and
pair mode all get the same behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.stepper import Stepper
from assistant.services.library import Library, analysis_facts

FIXTURES = Path(__file__).parent / "fixtures" / "scripts"

OBSTACLES = " ".join(["When work gets busy I drop the practice first, so I will block an "
                      "hour on Tuesday mornings and tell my team."] * 45)
assert 4800 < len(OBSTACLES) < 5000

GOAL_PLAN = {
    "area": [1],
    "wish": ["I want to speak up in meetings and give three short talks by June"],
    "why": ["It matters for the next role and I keep staying quiet when it counts"],
    "measure": ["Three talks given and feedback from two colleagues by the end of June"],
    "confidence": [2],
    "low-confidence": ["A smaller first talk in front of my own team would help"],
    "first-step": ["Book a room for a ten minute talk by Friday",
                   "Write the outline of the first talk"],  # a follow-up asks when
    "another-step": ["yes", "no"],
    "obstacles": [OBSTACLES],
    "obstacle-plan": ["Block the hour in my calendar and ask a colleague to remind me"],
    "support": ["Feedback on my slides and asking how it went after each talk"],
}


@pytest.fixture(scope="module")
def library():
    return Library()


def new_stepper(script, events=()):
    clock = iter(range(1000, 100000))
    return Stepper(script, clock=lambda: float(next(clock)), facts=analysis_facts(),
                   events=events)


def drive_to_review(s: Stepper, plan: dict[str, list]) -> None:
    """Answer from the plan until the review; follow-up questions get an answer too."""
    used: dict[str, int] = {}
    for _ in range(60):
        turn = s.current()
        if turn.kind == "review":
            return
        if turn.kind == "probe":
            s.answer("Two colleagues who saw the talk by the end of June")
            continue
        if turn.kind == "info":
            s.answer()
            continue
        answers = plan[turn.step.id]
        k = used.get(turn.step.id, 0)
        used[turn.step.id] = k + 1
        s.answer(answers[min(k, len(answers) - 1)])
    raise AssertionError("never reached the review")


def texts(s: Stepper, step: str) -> list:
    return [v.value for v in s.live_visits() if v.step == step]


def test_changing_the_confidence_on_the_review_keeps_every_later_answer(library):
    script = library.script("goal-clarification", "en")
    s = new_stepper(script)
    drive_to_review(s, GOAL_PLAN)
    before = s.current()
    assert "low-confidence" in [i.step for i in before.review]
    total = len(before.review)
    assert before.answered == before.expected == total  # "13 of about 13"

    turn = s.edit("confidence")
    assert turn.step.id == "confidence" and turn.prefill == 2
    assert (turn.answered, turn.expected) == (total, total)  # editing keeps the count
    turn = s.answer(3)  # the branch changes: no question about low confidence

    assert turn.kind == "review"
    assert texts(s, "first-step") == GOAL_PLAN["first-step"]
    assert texts(s, "obstacles") == [OBSTACLES]
    assert texts(s, "support") == GOAL_PLAN["support"]
    assert any(v.probes for v in s.live_visits() if v.step != "confidence")  # follow-ups kept
    assert s.answers()["confidence"] == 3
    assert "low_confidence" not in s.answers()
    assert [v.step for v in s.superseded] == ["low-confidence"]
    assert (turn.answered, turn.expected) == (total - 1, total - 1)
    assert [i.step for i in turn.review] == [i.step for i in before.review
                                             if i.step != "low-confidence"]


def test_an_edit_that_brings_a_step_back_offers_its_earlier_answer(library):
    script = library.script("goal-clarification", "en")
    s = new_stepper(script)
    drive_to_review(s, GOAL_PLAN)
    total = s.current().answered
    s.edit("confidence")
    s.answer(3)
    s.edit("confidence")
    turn = s.answer(1)  # low confidence again: its question comes back, pre-filled
    assert turn.step.id == "low-confidence"
    assert turn.prefill == GOAL_PLAN["low-confidence"][0]
    assert (turn.answered, turn.expected) == (total - 1, total)  # not answered again yet
    turn = s.answer("")  # an empty entry keeps what is shown
    assert turn.kind == "review"
    assert texts(s, "low-confidence") == GOAL_PLAN["low-confidence"]
    assert texts(s, "obstacles") == [OBSTACLES]
    assert (turn.answered, turn.expected) == (total, total)
    replayed = new_stepper(script, events=s.events)
    assert replayed.current() == s.current()
    assert replayed.answers() == s.answers()


def test_a_new_branch_is_asked_and_then_the_path_returns_to_the_review():
    lib = Library(prompts=FIXTURES, rules=FIXTURES)
    script = lib.script("branching")
    s = Stepper(script)
    for value in [None, "left", "left a is long enough", "left b answer", "4",
                  "first item here", "no", "nothing more"]:
        s.answer(value)
    assert s.current().kind == "review"
    s.edit("path")
    turn = s.answer("right")
    assert turn.step.id == "right-a" and turn.prefill is None  # a question of its own
    assert turn.answered == 5  # path, join, item, more, optional are all still answered
    assert {v.step for v in s.superseded} == {"left-a", "left-b"}
    assert "left-a" not in s.answers()
    turn = s.answer("right a, answered now")
    assert turn.kind == "review"  # join, item, more and optional kept their answers
    assert s.answers() == {"path": "right", "right-a": "right a, answered now", "join": 4,
                           "item": "first item here", "more": False,
                           "optional": "nothing more"}
    # And back to the left: both of its questions are offered again, pre-filled.
    s.edit("path")
    turn = s.answer("left")
    assert turn.step.id == "left-a" and turn.prefill == "left a is long enough"
    turn = s.answer("left a, said again")
    assert turn.step.id == "left-b" and turn.prefill == "left b answer"
    turn = s.answer("")
    assert turn.kind == "review"
    assert s.answers()["left-b"] == "left b answer"
    assert s.answers()["join"] == 4
    assert {v.step for v in s.superseded} >= {"right-a"}
    replayed = Stepper(script, events=s.events)
    assert replayed.current() == s.current()
    assert replayed.answers() == s.answers()


NUMBERED = """\
id: numbered
title: Numbered options
steps:
  - id: people
    kind: choice
    prompt: How many people will be there?
    options:
      - {value: "2", label: Two of us}
      - {value: "1", label: Just me}
      - {value: "3", label: Three or more}
  - id: note
    kind: text
    prompt: Anything else?
    required: false
  - id: review
    kind: review
    prompt: Does this read right?
"""


def test_a_kept_choice_is_stored_as_its_value_not_read_again_as_a_position(tmp_path):
    """Enter on a pre-filled choice whose value is also another option's number."""
    (tmp_path / "numbered.yaml").write_text(NUMBERED, encoding="utf-8")
    script = Library(prompts=tmp_path, rules=FIXTURES).script("numbered")
    s = Stepper(script)
    s.answer(2)  # the second option, "Just me": value "1"
    assert s.answers()["people"] == "1"
    s.back()
    assert s.current().prefill == "1"
    s.answer("")  # keep it: still "Just me", not the first option
    assert s.answers()["people"] == "1"
    s.answer("")
    s.edit("people")
    s.answer(None)
    assert s.answers()["people"] == "1"
    assert s.current().kind == "review"


def test_going_back_does_not_lower_the_count_of_answers():
    lib = Library(prompts=FIXTURES, rules=FIXTURES)
    s = Stepper(lib.script("branching"))
    for value in [None, "right", "right a", "5", "one two three"]:
        s.answer(value)
    assert s.current().answered == 4
    s.back()
    turn = s.back()
    assert turn.step.id == "join"
    assert turn.answered == 4 and turn.position == 3  # the third question, of four answered


# ------------------------------------------------------------------ drafts and resuming


def branching_stepper(events=()):
    lib = Library(prompts=FIXTURES, rules=FIXTURES)
    return Stepper(lib.script("branching"), events=events)


def test_a_draft_is_an_event_that_survives_replay_until_the_question_is_answered():
    s = branching_stepper()
    s.answer()
    s.answer("left")
    turn = s.draft("half a thought")
    assert turn.step.id == "left-a" and turn.draft == "half a thought"
    assert [e.kind for e in s.take_events()][-1] == "draft"
    assert s.draft("half a thought").draft == "half a thought"
    assert s.take_events() == []  # nothing changed, nothing stored
    replayed = branching_stepper(events=s.events)
    assert replayed.current().draft == "half a thought"
    turn = replayed.answer("the whole thought, sent")
    assert turn.draft == "" and not any(v.draft for v in replayed.path)
    replayed.back()
    assert replayed.current().draft == ""  # the answer is shown, not the old draft


def test_a_draft_of_a_follow_up_belongs_to_the_follow_up():
    s = branching_stepper()
    s.answer()
    s.answer("left")
    assert s.answer("short").kind == "probe"
    assert s.draft("I mean that").draft == "I mean that"
    replayed = branching_stepper(events=s.events)
    turn = replayed.current()
    assert turn.kind == "probe" and turn.draft == "I mean that"
    replayed.answer("I mean that, and more")
    assert replayed.current().draft == ""


def test_an_emptied_draft_is_dropped_and_choices_have_none():
    s = branching_stepper()
    s.answer()
    assert s.draft("left").draft == ""  # a choice: nothing to keep
    s.answer("left")
    s.draft("something")
    assert s.draft("   ").draft == ""
    assert not any(v.draft for v in s.path)


def test_resume_continues_at_the_first_open_question_or_a_waiting_draft():
    s = branching_stepper()
    for value in [None, "right", "right a", "5", "one two three"]:
        s.answer(value)
    assert s.current().step.id == "more"
    s.back()
    s.back()
    assert s.current().step.id == "join"
    turn = s.resume()
    assert turn.step.id == "more"
    replayed = branching_stepper(events=s.events)
    assert replayed.current() == s.current()
    s.back()
    s.draft("a changed item")  # on "item", which is answered: the draft waits there
    s.back()
    assert s.resume().step.id == "item"
    assert s.current().draft == "a changed item" and s.current().prefill == "one two three"
