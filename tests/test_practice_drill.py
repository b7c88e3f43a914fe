"""Drills: `reflect practice --drill --plain` aims at the weakest measure of the person's
own history, in real subprocesses on a temporary data home, and the pure choice of that
measure (`assistant.core.drill.weakest`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.drill import exercises, passed, weakest
from assistant.core.practice import Code, scorecard
from assistant.services.practice import load_bank
from assistant.store import Store

ROOT = Path(__file__).resolve().parent.parent


def reflect(args: list[str], stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REFLECT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def _practise(home: Path, scenario: str, replies: list[str], lang: str = "en") -> None:
    proc = reflect(["practice", "--plain", "--lang", lang, "--scenario", scenario],
                   "\n".join(replies) + "\n:quit\n", home)
    assert proc.returncode == 0, proc.stderr


CLOSED_ASKER = [  # questions are all closed; the reflections are fine
    "Have you told your manager about the offer?",
    "It sounds like part of you is proud and part of you wants something else.",
    "Do you like your job?",
    "You keep thinking about the design course.",
    "Is the course expensive?",
]
ADVISER = [
    "You should say no next time.",
    "What makes saying no so hard?",
    "You should tell your manager you are overloaded.",
    "Try saying no to the next request.",
    "It sounds like being needed matters a lot to you.",
]


def test_drill_after_two_sessions_names_the_weakest_measure_and_drills_it(
        data_home: Path) -> None:
    _practise(data_home, "career-two-offers", CLOSED_ASKER)
    _practise(data_home, "goals-vague-goal", ["Do you have a deadline?", "Is it this year?",
                                              "You want to be a better leader."])
    answers = ["What would you want to know before Friday?", "How do you see other jobs now?",
               "What happens in you before a meeting?", "Did you tell her?",
               "What would it mean to you if the director knew?"]
    proc = reflect(["practice", "--drill", "--plain"], "\n".join(answers) + "\n", data_home)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^Your weakest measure so far: Open questions, 0 % \(below target\) "
                     r"over your practice sessions \(fair / good: 50 % / 70 %\)\.$", out, re.M)
    assert "Open this question: each exercise shows a closed question" in out
    closed = re.findall(r'^Closed question: "(.*)"$', out, flags=re.M)
    assert closed == ["Have you accepted the offer yet?", "Have you looked at other jobs?",
                      "Do you prepare before the meetings?",
                      "Did you tell the director it was your work?",
                      "Was the rest of the review positive?"]
    marks = re.findall(r"^  Code: [a-z ]+\. (Done|Not yet)\.$", out, flags=re.M)
    assert marks == ["Done", "Done", "Done", "Not yet", "Done"]
    assert ("Drill done: 4 of 5 exercises. Open questions: before 0 % (below target), in this "
            "drill 80 % (good).") in out
    # the drill is stored, and it does not count as a practice session in progress
    with Store.open(data_home) as store:
        drills = [s for s in store.sessions(script="practice") if s.meta.get("drill")]
        assert [d.meta["drill"] for d in drills] == ["open_share"]
        events = store.events(drills[0].id)
    assert sum(e.kind == "practice_drill" for e in events) == 5
    progress = reflect(["practice", "--progress"], "", data_home)
    assert "2 practice sessions so far" in progress.stdout


def test_advice_heavy_history_gets_the_answer_without_advice_drill(data_home: Path) -> None:
    _practise(data_home, "workload-always-yes", ADVISER)
    _practise(data_home, "career-two-offers", ["You should take the promotion.",
                                               "What draws you to the design course?"])
    proc = reflect(["practice", "--drill", "--plain", "--lang", "de"],
                   "Was beschäftigt dich daran am meisten?\n:quit\n", data_home)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "Deine schwächste Kennzahl bisher: Ungefragter Rat, 57 % (unter dem Ziel)" in out
    assert 'Rat: "Nimm die Beförderung an, der Kurs kann warten."' in out
    assert "Training beendet: 1 von 1 Übung geschafft." in out


def test_a_drill_with_no_history_says_so_and_starts_with_open_questions(
        data_home: Path) -> None:
    proc = reflect(["practice", "--drill", "--plain", "--lang", "da"], ":quit\n", data_home)
    assert proc.returncode == 0, proc.stderr
    assert "Der er ikke gemt nogen øvelser endnu" in proc.stdout
    assert 'Lukket spørgsmål: "Har du sagt ja til tilbuddet?"' in proc.stdout


def _card(*codes: str):
    return scorecard([Code(c) for c in codes])


@pytest.mark.parametrize(("codes", "key"), [
    (["closed_question"] * 3 + ["simple_reflection"] * 6 + ["complex_reflection"] * 4,
     "open_share"),
    (["open_question"] * 4 + ["simple_reflection", "complex_reflection"], "rq_ratio"),
    (["open_question"] + ["simple_reflection"] * 4, "complex_share"),
    (["open_question"] + ["complex_reflection"] * 3 + ["advice"] * 2, "advice_share"),
])
def test_the_weakest_measure_is_the_furthest_below_its_target(codes: list[str],
                                                             key: str) -> None:
    half = len(codes) // 2
    assert weakest([_card(*codes[:half]), _card(*codes[half:])]).key == key


def test_nothing_measured_is_no_weakest_measure() -> None:
    assert weakest([]) is None
    assert weakest([_card("other")]).key == "advice_share"  # 0 % advice: measured, good


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_every_measure_has_five_exercises_in_every_language(lang: str) -> None:
    bank = load_bank(lang)
    for key in ("rq_ratio", "open_share", "complex_share", "advice_share"):
        items = exercises(bank.scenarios, key)
        assert len(items) == 5, key
        assert len({e.scenario.id for e in items}) == 5  # five different mentees
    assert exercises(bank.scenarios, "open_share", offset=5)[0].given != exercises(
        bank.scenarios, "open_share")[0].given  # the next drill brings new ones


def test_what_passes_an_exercise() -> None:
    assert passed("open", Code("open_question"))
    assert not passed("open", Code("open_question", why=True))
    assert not passed("open", Code("closed_question"))
    assert passed("reflect", Code("simple_reflection"))
    assert not passed("deepen", Code("simple_reflection"))
    assert passed("deepen", Code("complex_reflection"))
    assert passed("permission", Code("open_question"))
    assert not passed("permission", Code("information"))


async def test_the_home_screen_opens_a_drill_that_scores_the_reply(data_home: Path) -> None:
    from textual.widgets import Input, OptionList, Static

    from assistant.services.library import Library
    from assistant.tui.app import make_app
    from assistant.tui.screens.drill import DrillScreen
    from tests.test_practice_tui import settle

    with Store.open(data_home) as store:
        app = make_app(store, Library())
        async with app.run_test(size=(100, 34)) as pilot:
            await settle(pilot)
            scripts = app.screen.query_one("#scripts", OptionList)
            index = next(i for i in range(scripts.option_count)
                         if scripts.get_option_at_index(i).id == "@drill")
            scripts.highlighted = index
            scripts.action_select()
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            head = str(screen.query_one("#drill-head", Static).content)
            assert "No practice recorded yet" in head and "Open this question" in head
            screen.query_one("#drill-reply", Input).value = "What would you want to know?"
            await pilot.press("enter")
            await settle(pilot)
            feedback = str(screen.query_one("#drill-feedback", Static).content)
            assert "Code: open question  Done" in feedback
            assert 'Try: "What would you want to know?"' in feedback
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "HomeScreen"
        (info,) = [s for s in store.sessions(script="practice") if s.meta.get("drill")]
        assert [e.payload["passed"] for e in store.events(info.id)
                if e.kind == "practice_drill"] == [True]
