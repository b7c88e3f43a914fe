"""Issue 18: an author's own folder, outside the project, on top of the bundled content.

Every command reads content the same way (`Library.layered`): the bundled dialogues and
rule sets, with `--prompts`/`--rules` on top, a file of the same id there winning. The
author here is the coordinator of the issue: a dialogue in one folder (with its
transcripts), its own rule set in another, and the bundled `safety` rule set named too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.plain_driver import reflect_cmd

AUTHOR = Path(__file__).parent / "fixtures" / "author"
ANSWERS = ("\n1\n1\n4\nAsk earlier.\nI waited three weeks last time.\n"
           "Send my draft to Sam\nno\ndone\n")


@pytest.fixture
def author(tmp_path: Path) -> Path:
    """The author's folders, copied where the author keeps them (not in the project)."""
    shutil.copytree(AUTHOR, tmp_path / "work")
    return tmp_path / "work"


def reflect(cwd: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLECT_HOME": str(cwd / "home")}
    return subprocess.run(reflect_cmd(*args), cwd=cwd, input=input, capture_output=True,
                          text=True, timeout=120, env=env)


def test_test_finds_the_authors_dialogue_and_its_transcripts(author: Path) -> None:
    done = reflect(author, "test", "--prompts", "dialogues", "--rules", "rules")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 0 failed" in done.stdout
    named = reflect(author, "test", "dialogues/transcripts", "--prompts", "dialogues",
                    "--rules", "rules")
    assert named.returncode == 0 and "1 passed, 0 failed" in named.stdout, named.stdout


def test_what_validate_passes_runs_with_prompts_alone(author: Path) -> None:
    """--prompts alone used to make the bundled rule sets unknown: validate passed, then
    run failed with RS015 unknown rule set 'safety'."""
    shutil.move(author / "rules" / "after.yaml", author / "dialogues" / "after.yaml")
    checked = reflect(author, "validate", "dialogues", "--prompts", "dialogues")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = reflect(author, "run", "after-meeting", "--plain", "--prompts", "dialogues",
                  input=ANSWERS)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "What made that stay with you?" in ran.stdout  # the author's own rule
    assert "Send my draft to Sam" in ran.stdout  # the summary at the end


def test_validate_and_run_agree_on_rules(author: Path) -> None:
    """--rules adds the author's rule sets to the bundled ones for run as for validate."""
    checked = reflect(author, "validate", "dialogues", "--rules", "rules")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = reflect(author, "run", "after-meeting", "--plain", "--prompts", "dialogues",
                  "--rules", "rules", input=ANSWERS)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    listed = reflect(author, "list", "--prompts", "dialogues", "--rules", "rules")
    ids = [line.split()[0] for line in listed.stdout.splitlines() if line[:1].strip()]
    assert "after-meeting" in ids and "goal-clarification" in ids, listed.stdout


def test_a_user_file_of_the_same_id_wins_and_validate_says_so(author: Path) -> None:
    own = author / "dialogues" / "trust-check-in.yaml"
    own.write_text("id: trust-check-in\ntitle: Our own trust check\nlang: en\nsteps:\n"
                   "  - id: how\n    kind: text\n    prompt: How open can you be today?\n"
                   "  - id: review\n    kind: review\n    prompt: Anything to change?\n")
    (author / "dialogues" / "trust-check-in.md.j2").write_text("{{ answers.how }}\n")
    listed = reflect(author, "list", "--prompts", "dialogues", "--rules", "rules")
    assert "Our own trust check" in listed.stdout and "Trust check-in" not in listed.stdout
    checked = reflect(author, "validate", "dialogues", "--rules", "rules")
    assert checked.returncode == 0, checked.stdout
    assert "trust-check-in.yaml:1:1: RS048 warning: this dialogue replaces " in checked.stdout
    ran = reflect(author, "run", "trust-check-in", "--plain", "--prompts", "dialogues",
                  input="Quite open\ndone\n")
    assert ran.returncode == 0 and "How open can you be today?" in ran.stdout, ran.stdout
    (author / "rules" / "safety.yaml").write_text(
        "id: safety\ndescription: Ours.\nrules:\n  - id: ours\n    when: answer.words > 99\n"
        "    then: {tip: Take a break.}\n")
    checked = reflect(author, "validate", "rules", "--rules", "rules")
    assert "safety.yaml:1:1: RS048 warning: this rule set replaces " in checked.stdout
    assert checked.returncode == 0 and reflect(author, "validate", "rules", "--strict"
                                               ).returncode == 1
