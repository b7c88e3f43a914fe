"""`reflect practice --plain`: a scripted session over stdin, in a real subprocess.

These runs use the real coder, so the replies are plain cases ("What ...?", "You
should ...") whose codes are not in doubt.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.store import Store

ROOT = Path(__file__).resolve().parent.parent


def reflect(args: list[str], stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REFLECT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


SCRIPT = """\
What draws you to the design course?
Did you tell your manager?
You should take the promotion.
:retry
It sounds like part of you is proud and part of you wants something else.
:next
How would a more interesting month look for you?
Mm-hmm.
:quit
"""


def test_scripted_session_prints_codes_and_the_scorecard(data_home: Path) -> None:
    proc = reflect(["practice", "--plain", "--lang", "en"], SCRIPT, data_home)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Scenario 1 of 8 · career direction" in out
    assert 'Mentee: "I got the team-lead offer yesterday' in out
    codes = re.findall(r"^  Code: ([a-z ]+?)(?: \(|\.)", out, flags=re.M)
    assert codes == ["open question", "closed question", "advice", "complex reflection",
                     "open question", "other"]
    # the open question took the mentee a turn deeper; the closed one got a fact about
    # the manager it asked about; the advice got a "yes, but"
    assert 'Mentee: "When I picture myself sketching screens' in out
    assert """Mentee: "No. She'd only hear that I'm ungrateful.\"""" in out
    assert "Mentee: \"Yes, but you don't know how this company works." in out
    assert "Taken back. Answer the mentee again:" in out
    assert "Scenario 2 of 8" in out
    # the scorecard: the advice was taken back, so it is not counted
    assert "Scorecard: Practice targets after MITI 4.2.1, not a certified score." in out
    assert "5 replies counted, 1 taken back" in out
    assert re.search(r"^  advice\s+0$", out, flags=re.M)
    assert re.search(r"^  open question\s+2$", out, flags=re.M)
    assert ("Reflection-to-question ratio: 0.3:1 (1 reflection, 3 questions) - below target; "
            "fair / good: 1:1 / 2:1") in out
    assert "Open questions: 67 % (2 of 3 questions) - fair" in out
    assert "Complex reflections: 100 % (1 of 1 reflection) - good" in out
    session = re.search(r"session ([0-9a-f]{8})\)", out).group(1)

    with Store.open(data_home) as store:
        info = store.session(session)
        events = store.events(session)
    assert (info.script, info.mode, info.status) == ("practice", "practice", "finished")
    assert [e.payload["code"] for e in events if e.kind == "practice_reply"] == [
        "open_question", "closed_question", "advice", "complex_reflection", "open_question",
        "other"]

    progress = reflect(["practice", "--progress", "--lang", "en"], "", data_home)
    assert progress.returncode == 0, progress.stderr
    assert "1 practice session so far" in progress.stdout
    assert session in progress.stdout


# Must show: on the same turn, a reflection, a closed question and advice get three
# different continuations and three different suggestions built from the reply.
SAME_TURN = {
    "en": ("You keep thinking about the design course.",
           "Have you told your manager about the offer?",
           "You should take the promotion."),
    "de": ("Du denkst die ganze Zeit an den Designkurs.",
           "Hast du deinem Chef schon geantwortet?",
           "Du solltest die Beförderung annehmen."),
    "da": ("Du tænker hele tiden på designkurset.",
           "Har du talt med din chef om tilbuddet?",
           "Prøv at tale med din chef om det."),
}
EXPECTED = {  # the mentee's answer to each, and a word of the suggestion's example
    "en": (("When I picture myself sketching screens", "Part of you is proud"),
           ("No. She'd only hear that I'm ungrateful.", "think about your manager"),
           ("Yes, but you don't know how this company works", "May I share an idea")),
    "de": (("Wenn ich mir vorstelle, wie ich Screens entwerfe", "Ein Teil von dir"),
           ("Nein. Er würde nur hören, dass ich undankbar bin.", "an deinen Chef denkst"),
           ("Ja, aber du kennst diese Firma nicht.", "Darf ich dir eine Idee sagen")),
    "da": (("Når jeg forestiller mig selv sidde og tegne", "En del af dig"),
           ("Nej. Hun ville bare høre, at jeg er utaknemmelig.", "tænker på din chef"),
           ("Ja, men du kender ikke den her virksomhed.", "Må jeg komme med en tanke")),
}
TRY = {"en": "Try", "de": "Versuch", "da": "Prøv"}


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_the_same_turn_answers_reflection_closed_question_and_advice_differently(
        lang: str, data_home: Path, tmp_path: Path) -> None:
    reflection, closed, advice = SAME_TURN[lang]
    script = tmp_path / "replies.txt"
    script.write_text(f"{reflection}\n:retry\n{closed}\n:retry\n{advice}\n:quit\n",
                      encoding="utf-8")
    with script.open(encoding="utf-8") as stdin:
        env = {**os.environ, "REFLECT_HOME": str(data_home), "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.run([sys.executable, "-m", "assistant", "practice", "--plain",
                               "--lang", lang, "--scenario", "career-two-offers"],
                              stdin=stdin, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    mentee = re.findall(r'^Mentee: "(.*)"$', out, flags=re.M)
    opening = mentee[0]
    # opening, answer, opening again (retry), answer, opening again, answer
    assert mentee[2] == mentee[4] == opening
    answers = [mentee[1], mentee[3], mentee[5]]
    assert len(set(answers)) == 3
    suggestions = re.findall(rf"^  {TRY[lang]}: (.*)$", out, flags=re.M)
    assert len(suggestions) == 3 and len(set(suggestions)) == 3
    for reply, answer, tip, (said, example) in zip((reflection, closed, advice), answers,
                                                  suggestions, EXPECTED[lang], strict=True):
        assert answer.startswith(said), (reply, answer)
        assert reply in tip and example in tip, (reply, tip)


def test_no_sentence_of_feedback_comes_twice_in_a_session(data_home: Path) -> None:
    script = "\n".join(["Do you like your job?"] * 3 + ["You should take the promotion."] * 3
                       + [":quit"]) + "\n"
    proc = reflect(["practice", "--plain", "--lang", "en", "--scenario", "career-two-offers"],
                   script, data_home)
    assert proc.returncode == 0, proc.stderr
    session = proc.stdout.split("\nScorecard:")[0]  # the feedback, not the scorecard
    feedback = [line.strip() for line in session.splitlines()
                if line.startswith("  ") and not line.startswith("  Code:")]
    assert len(feedback) == len(set(feedback)), feedback
    assert sum(line.startswith("Try:") for line in feedback) == 6
    # a closed question about the job gets a fact about the job, not about the manager
    assert 'Mentee: "Most days, yes. It\'s fine."' in proc.stdout


def test_end_of_input_also_ends_with_the_scorecard_and_german_words(data_home: Path) -> None:
    proc = reflect(["practice", "--plain", "--lang", "de", "--scenario", "workload-always-yes"],
                   "Was ist dir dabei wichtig?\nDu solltest öfter Nein sagen.\n", data_home)
    assert proc.returncode == 0, proc.stderr
    assert "Szene 1 von 1 · Arbeitslast" in proc.stdout
    assert "Einordnung: offene Frage." in proc.stdout
    assert "Einordnung: Rat." in proc.stdout
    assert 'Mentee: "Ja, aber wenn ich Nein sage' in proc.stdout
    assert "Versuch: „Du solltest öfter Nein sagen.“" in proc.stdout
    assert "Auswertung: Übungsziele nach MITI 4.2.1" in proc.stdout
    assert "Verhältnis Reflexionen zu Fragen: 0:0" not in proc.stdout
    assert "Verhältnis Reflexionen zu Fragen: 0.0:1" in proc.stdout


def test_unknown_scenario_is_one_clear_error(data_home: Path) -> None:
    proc = reflect(["practice", "--plain", "--scenario", "workload-always-ye"], "", data_home)
    assert proc.returncode == 1
    assert "workload-always-yes" in proc.stderr and "Traceback" not in proc.stderr


def test_control_characters_in_replies_are_neutralised(data_home: Path) -> None:
    proc = reflect(["practice", "--plain", "--scenario", "goals-vague-goal"],
                   "What \x1b[31mmatters\x1b[0m most?\n:bogus\n:quit\n", data_home)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    assert "\\x1b[31mmatters" in proc.stdout
    assert "Unknown command :bogus." in proc.stdout


def test_a_mentor_marks_a_code_as_wrong_and_exports_the_marks(data_home: Path,
                                                              tmp_path: Path) -> None:
    script = ("What would help you most right now?\n:wrong\n"
              "You're torn between the two.\n:wrong complex_reflection\n:wrong sung\n:quit\n")
    proc = reflect(["practice", "--plain", "--lang", "en"], script, data_home)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count('Noted: you think "') == 2
    assert "There is no code sung. Use one of: open_question," in proc.stdout
    with Store.open(data_home) as store:
        from assistant.services.practice import disagreements

        marks = disagreements(store)
    assert [(m["text"], m["suggested"]) for m in marks] == [
        ("What would help you most right now?", None),
        ("You're torn between the two.", "complex_reflection")]
    assert marks[0]["mentee"].startswith("I got the team-lead offer") and marks[0]["reason"]

    out = tmp_path / "marks.jsonl"
    proc = reflect(["practice", "--export-disagreements", str(out)], "", data_home)
    assert proc.returncode == 0, proc.stderr
    assert f"2 marks written to {out}" in proc.stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    import json

    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["suggested"] for r in rows] == [None, "complex_reflection"]


def test_marking_before_any_reply_says_there_is_nothing_to_mark(data_home: Path) -> None:
    proc = reflect(["practice", "--plain", "--lang", "de"], ":wrong\n:quit\n", data_home)
    assert proc.returncode == 0, proc.stderr
    assert "Es gibt noch keine eingeordnete Antwort" in proc.stdout


def test_exported_marks_keep_a_bidi_override_exactly_but_escaped(data_home: Path,
                                                                 tmp_path: Path) -> None:
    reply = "What \u202eworks\u202c for you\x85 now?"
    proc = reflect(["practice", "--plain", "--lang", "en"], f"{reply}\n:wrong\n:quit\n",
                   data_home)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "marks.jsonl"
    proc = reflect(["practice", "--export-disagreements", str(out)], "", data_home)
    assert proc.returncode == 0, proc.stderr
    import json

    raw = out.read_text(encoding="utf-8")
    assert not re.search("[\u202a-\u202e\u2066-\u2069\x80-\x9f]", raw)
    assert "\\u202e" in raw and "\\u0085" in raw
    assert [json.loads(line)["text"] for line in raw.splitlines()] == [reply.strip()]
