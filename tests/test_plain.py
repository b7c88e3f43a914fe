"""The plain front end end to end, as real `reflect` processes on a temporary data home."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from assistant.services.library import Library

from .plain_driver import PlainDriver, default_answer, run_reflect, step_for_block

FIXTURES = Path(__file__).parent / "fixtures" / "scripts"

# The fixture script: intro, path=right, right-a, join, item (loop twice), optional, review.
FIXTURE_INPUT = "\n".join([
    "",                               # intro (info)
    "2",                              # path: Right
    "The right path answer {{ 7*7 }} {% if true %}x{% endif %}",
    "4",                              # join
    "first item here",
    "yes",
    "second item here",
    "no",
    "",                               # optional: skipped with an empty line? (required: false)
    "",                               # review: finish
]) + "\n"


def fixture_args(data: Path) -> list[str]:
    return ["--data-dir", str(data), "--prompts", str(FIXTURES)]


def test_piped_dialogue_finishes_and_prints_the_summary(tmp_path):
    data = tmp_path / "home"
    done = run_reflect("run", "branching", "--plain", *fixture_args(data), input=FIXTURE_INPUT)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "# Summary of Branching test script" in out
    assert "Path: Right" in out
    assert "Items: first item here; second item here" in out
    # Answers are data: template syntax typed by a person comes back verbatim.
    assert "The right path answer {{ 7*7 }} {% if true %}x{% endif %}" in out
    summary = out.split("# Summary", 1)[1].split("Finished. Session", 1)[0]
    assert "answer 49" not in summary and "\n49" not in summary
    session = re.search(r"Session (\w{8}) is saved", out).group(1)
    listed = run_reflect("sessions", "--data-dir", str(data))
    assert listed.returncode == 0
    row = next(line for line in listed.stdout.splitlines() if line.startswith(session))
    assert "finished" in row and "branching" in row
    # Private files: the data home is 0700, the database 0600.
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "reflect.db").stat().st_mode) == 0o600
    # The compiled summary template is kept beside the data, private too.
    cached = data / "cache" / "templates"
    assert stat.S_IMODE(cached.stat().st_mode) == 0o700
    assert [stat.S_IMODE(f.stat().st_mode) for f in cached.iterdir()] == [0o600]


def test_summary_formats_keep_answers_verbatim(tmp_path):
    data = tmp_path / "home"
    done = run_reflect("run", "branching", "--plain", *fixture_args(data), input=FIXTURE_INPUT)
    session = re.search(r"Session (\w{8}) is saved", done.stdout).group(1)
    as_json = run_reflect("summary", session, "--format", "json", *fixture_args(data))
    assert as_json.returncode == 0, as_json.stderr
    ctx = json.loads(as_json.stdout)
    assert ctx["answers"]["right-a"] == "The right path answer {{ 7*7 }} {% if true %}x{% endif %}"
    assert ctx["every"]["item"] == ["first item here", "second item here"]
    out = tmp_path / "s.html"
    as_html = run_reflect("summary", session, "--format", "html", "-o", str(out),
                          *fixture_args(data))
    assert as_html.returncode == 0, as_html.stderr
    page = out.read_text()
    assert page.startswith("<!doctype html>")
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in page
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_escape_sequences_in_answers_are_shown_harmlessly(tmp_path):
    data = tmp_path / "home"
    text = FIXTURE_INPUT.replace("The right path answer", "Evil \x1b[2J\x1b]0;pwned\x07 answer")
    done = run_reflect("run", "branching", "--plain", *fixture_args(data), input=text)
    assert done.returncode == 0
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "Evil \\x1b[2J\\x1b]0;pwned\\x07 answer" in done.stdout


def test_back_and_skip_commands(tmp_path):
    data = tmp_path / "home"
    lines = ["", "1", ":back", "2", "right answer", ":skip", "seven", "eight", ":skip",
             "an item", "no", "", ""]
    done = run_reflect("run", "branching", "--plain", *fixture_args(data),
                       input="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Path: Right" in done.stdout
    assert "- join: " in done.stdout  # skipped after two invalid answers, shown empty
    assert "Please give a whole number from 1 to 5." in done.stdout


def test_end_of_input_pauses_and_resume_continues(tmp_path):
    data = tmp_path / "home"
    first = run_reflect("run", "branching", "--plain", *fixture_args(data), input="\n2\n")
    assert first.returncode == 0
    assert "Paused; everything is saved. Continue with: reflect resume" in first.stdout
    session = re.search(r"reflect resume (\w{8})", first.stdout).group(1)
    rest = FIXTURE_INPUT.split("\n", 2)[2]
    second = run_reflect("resume", session, "--plain", *fixture_args(data), input=rest)
    assert second.returncode == 0, second.stderr
    assert "Your answers so far:" in second.stdout
    assert "Path: Right" in second.stdout
    listed = run_reflect("sessions", "--data-dir", str(data), "--status", "finished")
    assert session in listed.stdout


def drive_goal_clarification(driver: PlainDriver, script, answers: dict[str, str], stop_after=None):
    """Answer each question; probes get an empty line (skip). Returns the steps answered."""
    answered = []
    while True:
        block = driver.read_prompt()
        if block is None:
            return answered
        if "Follow-up:" in block.rsplit("\n\n", 1)[-1]:
            driver.send("")
            continue
        step = step_for_block(script, block)
        assert step is not None, block
        if stop_after is not None and len(answered) == stop_after and step.kind != "info":
            return answered
        answer = answers.get(step.id, default_answer(step))
        driver.send(answer)
        if step.kind == "text" and step.multiline and answer:
            driver.read_prompt()  # the continuation prompt of a multi-line answer
            driver.send("")  # an empty line ends it
        if step.kind not in ("info", "review"):
            answered.append(step.id)


def test_goal_clarification_runs_end_to_end_over_a_pipe(tmp_path):
    data = tmp_path / "home"
    script = Library().script("goal-clarification")
    driver = PlainDriver("run", "goal-clarification", "--plain", "--data-dir", str(data))
    answers = {"wish": "Lead the quarterly planning meeting on my own by June",
               "support": "Honest feedback after each rehearsal"}
    answered = drive_goal_clarification(driver, script, answers)
    assert driver.close() == 0
    out = driver.output
    assert "Lead the quarterly planning meeting on my own by June" in out.split("Finished.")[0]
    assert "Honest feedback after each rehearsal" in out
    assert "Finished. Session" in out
    assert len(answered) >= 8
    session = re.search(r"Session (\w{8}) is saved", out).group(1)
    listed = run_reflect("sessions", "--data-dir", str(data))
    assert "finished" in next(x for x in listed.stdout.splitlines() if x.startswith(session))


@pytest.mark.parametrize("k", [3, 5])
def test_sigkill_loses_nothing_confirmed(tmp_path, k):
    data = tmp_path / "home"
    script = Library().script("goal-clarification")
    driver = PlainDriver("run", "goal-clarification", "--plain", "--data-dir", str(data))
    answers = {"wish": "Present my project at the all-hands meeting by the end of May"}
    answered = drive_goal_clarification(driver, script, answers, stop_after=k)
    assert len(answered) == k
    # The program is now waiting at question k+1: every earlier answer was confirmed.
    waiting_at = step_for_block(script, driver.output.rsplit("\n\n", 1)[-1])
    driver.kill()
    session = re.search(r"\(session (\w{8})\)", driver.output).group(1)

    resumed = run_reflect("resume", "--plain", "--data-dir", str(data), input="")
    assert resumed.returncode == 0, resumed.stderr
    out = resumed.stdout
    so_far = out.split("Your answers so far:", 1)[1]
    shown = re.findall(r"^  (\d+)\. ", so_far.split("\n\n", 1)[0], flags=re.M)
    assert len(shown) == k
    for step_id in answered:
        assert script.step(step_id).prompt.splitlines()[0][:40] in so_far
    assert waiting_at is not None
    assert waiting_at.prompt.splitlines()[0][:40] in out.split("Your answers so far:", 1)[1]
    assert session in out


def test_user_errors_are_one_clear_message(tmp_path):
    data = str(tmp_path / "home")
    missing = run_reflect("run", "goal-clarifcation", "--plain", "--data-dir", data)
    assert missing.returncode == 1
    assert "there is no dialogue 'goal-clarifcation'" in missing.stderr
    assert "did you mean 'goal-clarification'?" in missing.stderr
    assert "Traceback" not in missing.stderr
    no_session = run_reflect("summary", "zzzzzzzz", "--data-dir", data)
    assert no_session.returncode == 1 and "Traceback" not in no_session.stderr
    assert "reflect sessions" in no_session.stderr
    bad_flag = run_reflect("run", "goal-clarification", "--lang", "fr", "--data-dir", data)
    assert bad_flag.returncode == 2 and "unknown language 'fr'" in bad_flag.stderr
    nothing = run_reflect("resume", "--plain", "--data-dir", data)
    assert nothing.returncode == 1 and "no unfinished session" in nothing.stderr


def test_pair_and_practice_sessions_point_to_their_own_commands(tmp_path):
    from assistant.store import Store

    data = tmp_path / "home"
    with Store.open(data) as store:
        pair = store.create_session("evaluation-reflection", "en", mode="pair",
                                    meta={"pair": "K7QX2M", "part": "member"})
        practice = store.create_session("practice", "en", mode="practice")
    resumed = run_reflect("resume", pair, "--plain", "--data-dir", str(data))
    assert resumed.returncode == 1 and "reflect pair continue K7QX2M" in resumed.stderr
    shown = run_reflect("summary", practice, "--data-dir", str(data))
    assert shown.returncode == 1 and "reflect practice --progress" in shown.stderr
    latest = run_reflect("resume", "--plain", "--data-dir", str(data), input="")
    assert latest.returncode == 1 and "no unfinished session" in latest.stderr
    assert "Traceback" not in resumed.stderr + shown.stderr + latest.stderr


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Note: That is brief (1 word)."),
    ("de", "Hinweis: Das ist knapp (1 Wort)."),
    ("da", "Bemærk: Det er kort (1 ord)."),
])
def test_a_one_word_answer_is_counted_in_the_singular(tmp_path, lang, said):
    """A tired mentee types one word for the wish; the note counts it as one word."""
    done = run_reflect("run", "goal-clarification", "--plain", "--lang", lang,
                       "--data-dir", str(tmp_path / "home"), input="\n1\nPromotion\n\n:pause\n")
    assert done.returncode == 0, done.stderr
    assert said in done.stdout
    assert "(1 words)" not in done.stdout and "(1 Wörter)" not in done.stdout
