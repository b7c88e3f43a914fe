"""A pasted megabyte is stored whole and analysed on a bounded part (issue 22).

Analysing a 1 MB answer cost 5-6 s a pass and 19 s for one turn. Now `words` and
`chars` count the whole answer, every other fact reads its first `ANALYSIS_LIMIT`
characters (the safety check its last ones too), and the whole text is kept, found and
summarised. The end-to-end test runs real `reflect` subprocesses in a child interpreter
that reports their peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.analysis import analyse
from assistant.analysis.pipeline import ANALYSIS_LIMIT
from tests.plain_driver import ROOT, reflect_cmd

FILLER = "We talked about the project and the team and how the week went. "


def pasted(size: int, end: str = "") -> str:
    return (FILLER * (size // len(FILLER) + 1))[: size - len(end)].rstrip() + end


def test_only_the_start_of_a_long_answer_is_analysed_but_every_word_counted() -> None:
    text = pasted(200_000, " I will present it by March.")
    facts = analyse(text, "en")
    assert facts.words == len(text.split())  # the whole answer
    assert facts.chars == len(text)
    assert not facts.has_deadline  # "by March" lies far beyond what is read
    assert analyse(text[-2_000:], "en").has_deadline  # ... and would be found there
    assert facts.tokens <= ANALYSIS_LIMIT  # tokens of the part read, not of the whole


def test_the_safety_check_reads_the_end_of_a_long_answer_too() -> None:
    text = pasted(200_000, " Honestly I want to kill myself.")
    assert analyse(text, "en").safety_concern


def test_a_short_answer_is_analysed_whole() -> None:
    text = pasted(ANALYSIS_LIMIT - 100, " I will present it by March.")
    assert analyse(text, "en").has_deadline


#: Runs the commands one after another and prints their results and peak memory.
CHILD = """
import json, resource, subprocess, sys
runs = json.loads(sys.stdin.read())
out = []
for args, stdin in runs:
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=20)
    out.append([done.returncode, done.stdout, done.stderr[-3000:]])
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"runs": out, "peak_mb": peak_kb / 1024}))
"""


def test_a_one_megabyte_answer_is_stored_found_and_summarised(tmp_path: Path) -> None:
    wish = pasted(1_000_000, " zebracrossing")
    run = reflect_cmd("run", "goal-clarification", "--plain")
    plan = [[run, f"\n2\n{wish}\n\n:pause\n"]]
    env = {**os.environ, "REFLECT_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(plan),
                           capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    result = json.loads(first.stdout)
    code, stdout, stderr = result["runs"][0]
    assert code == 0, stderr
    session = stdout.rsplit("reflect resume ", 1)[1].split()[0]

    plan = [[reflect_cmd("summary", session, "-o", "-"), ""],
            [reflect_cmd("search", "zebracrossing"), ""],
            [reflect_cmd("resume", session, "--plain"), ":pause\n"]]
    again = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(plan),
                           capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    later = json.loads(again.stdout)
    (s_code, summary, s_err), (f_code, found, f_err), (r_code, _, r_err) = later["runs"]
    assert s_code == 0 and summary.count("zebracrossing") == 1, s_err  # the quote holds it all
    assert f_code == 0 and session in found, f_err
    assert r_code == 0, r_err
    assert max(result["peak_mb"], later["peak_mb"]) < 500

    export = subprocess.run(reflect_cmd("export", "-o", "-"), capture_output=True, text=True,
                            timeout=60, cwd=ROOT, env=env)
    texts = [e["payload"].get("text") for s in json.loads(export.stdout)["sessions"]
             for e in s["events"]]
    assert wish in texts  # stored whole
