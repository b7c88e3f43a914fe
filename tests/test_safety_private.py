"""An answer the safety notice fired on is private: out of the shared summary unless kept.

Real parts throughout: the shipped trust check-in, the real analysis, a real SQLite data
home, and the real `reflect` program in plain mode.
"""

from __future__ import annotations

import json

from assistant.services.dialogue import Dialogue
from assistant.services.library import Library, analysis_facts
from assistant.store import Store
from tests.plain_driver import run_reflect

CRISIS = "Ich will nicht mehr leben."
ORDINARY = "Darüber möchte ich beim nächsten Mal sprechen."


def _check_in(store: Store) -> Dialogue:
    """The German trust check-in, with the crisis sentence where the person says what
    would help them to be open, answered up to the review page."""
    d = Dialogue.start(store, Library(), "trust-check-in", "de", facts=analysis_facts())
    d.answer("2")  # openness: low, so the next question is what would help
    turn = d.answer(CRISIS)
    assert any(n.kind == "notice" and "TelefonSeelsorge" in n.text for n in turn.notes)
    assert d.stepper.keepable() is not None
    d.answer("ja")
    d.answer(ORDINARY)
    turn = d.answer("Beim nächsten Treffen zuerst über das Team reden.")
    assert turn.kind == "review"
    return d


def test_a_flagged_answer_is_left_out_of_the_shared_summary_by_default(data_home):
    with Store.open(data_home) as store:
        d = _check_in(store)
        d.answer(True)  # finish from the review page
        md = d.summary("md")
        data = json.loads(d.summary("json"))
        html = d.summary("html")
    assert CRISIS not in md and CRISIS not in html
    assert ORDINARY in md  # the other answers are all there
    assert CRISIS not in json.dumps(data, ensure_ascii=False)
    assert data["withheld"] == 1
    assert "TelefonSeelsorge" not in md  # not even the notice tells


def test_a_kept_answer_is_in_the_shared_summary_also_after_a_restart(data_home):
    with Store.open(data_home) as store:
        d = _check_in(store)
        d.keep()
        d.answer(True)
        session = d.id
        assert CRISIS in d.summary("md")
    with Store.open(data_home) as store:  # the choice is stored with the dialogue
        again = Dialogue.resume(store, Library(), session, facts=analysis_facts())
        assert CRISIS in again.summary("md")
        assert json.loads(again.summary("json"))["withheld"] == 0


def test_changing_the_answer_asks_the_choice_again(data_home):
    with Store.open(data_home) as store:
        d = _check_in(store)
        d.keep()
        d.edit("what-would-help")
        d.answer("Dass ich heute wirklich nicht mehr leben will, wenn ich ehrlich bin.")
        assert d.stepper.keepable() is not None  # a new answer: private again
        d.answer(True)
        assert "nicht mehr leben will" not in d.summary("md")


PLAIN_INPUT = "\n".join(["2", CRISIS, "ja", ORDINARY, "Zuerst über das Team reden.",
                         ":done"]) + "\n"


def test_plain_mode_says_how_to_keep_it_and_keeps_it_on_request(data_home):
    default = run_reflect("run", "trust-check-in", "--plain", "--lang", "de",
                          input=PLAIN_INPUT)
    assert default.returncode == 0, default.stderr
    before_summary = default.stdout.split("# Vertrauens-Check-in")[0]
    assert "TelefonSeelsorge" in before_summary
    assert "tippe :keep" in before_summary
    summary = default.stdout.split("# Vertrauens-Check-in")[1]
    assert CRISIS not in summary and ORDINARY in summary

    lines = PLAIN_INPUT.splitlines()
    kept_input = "\n".join(lines[:2] + [":keep"] + lines[2:]) + "\n"
    kept = run_reflect("run", "trust-check-in", "--plain", "--lang", "de", input=kept_input)
    assert kept.returncode == 0, kept.stderr
    assert "Behalten: Diese Antwort steht in der Zusammenfassung" in kept.stdout
    assert CRISIS in kept.stdout.split("# Vertrauens-Check-in")[1]
    session = kept.stdout.rstrip().split()[-1]
    shown = run_reflect("summary", session)
    assert CRISIS in shown.stdout
