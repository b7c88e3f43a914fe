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


#: What the author's translator writes over the English texts `reflect translate` put in.
GERMAN = {
    "After the meeting": "Nach dem Treffen",
    "A few minutes after a mentoring meeting, to keep what mattered.":
        "Ein paar Minuten nach einem Mentoring-Treffen, um festzuhalten, was wichtig war.",
    "Take a moment to look back at the meeting you just had.":
        "Nimm dir einen Moment, um auf das Treffen zurückzublicken, das du gerade hattest.",
    "What was the meeting mostly about?": "Worum ging es in dem Treffen vor allem?",
    "My goal": "Um mein Ziel", "A problem": "Um ein Problem",
    "Something else": "Um etwas anderes",
    "Which moments helped you?": "Welche Momente haben dir geholfen?",
    "A question": "Eine Frage", "A story": "Eine Geschichte", "Some advice": "Ein Rat",
    "How useful was the meeting for you?": "Wie hilfreich war das Treffen für dich?",
    "not at all": "gar nicht", "very": "sehr",
    "What did you take away from it?": "Was nimmst du daraus mit?",
    "What is one thing you will do before the next meeting?":
        "Was ist eine Sache, die du bis zum nächsten Treffen tun wirst?",
    "Is there another thing you want to do?": "Gibt es noch etwas, das du tun möchtest?",
    "Does this say what you want to keep?": "Steht hier, was du festhalten möchtest?",
    "About:": "Worum es ging:", "not chosen": "nicht gewählt",
    "It was useful: %(n)s out of 5.": "Hilfreich: %(n)s von 5.",
    "What I took away": "Was ich mitnehme", "What I will do": "Was ich tun werde",
    "What made that stay with you?": "Warum ist dir gerade das im Gedächtnis geblieben?",
}


def fill_in(table: Path) -> None:
    """Write each German text over the English one, touching nothing else (no fingerprint)."""
    import json

    text = table.read_text(encoding="utf-8")
    for english, german in GERMAN.items():
        text = text.replace(f"text: {json.dumps(english)}", f"text: {json.dumps(german)}")
    table.write_text(text, encoding="utf-8")


def test_translate_writes_a_table_that_validates_once_filled_in(author: Path) -> None:
    done = reflect(author, "translate", "--lang", "de", "dialogues/after-meeting.yaml",
                   "rules/after.yaml")
    assert done.returncode == 0, done.stderr
    assert "after-meeting.de.yaml: 24 new to translate, 0 outdated, 0 kept" in done.stdout
    checked = reflect(author, "validate", "dialogues", "rules", "--rules", "rules")
    assert checked.returncode == 1
    assert ("after-meeting.de.yaml:7:3: RS025 'title' is not translated yet (still the "
            "English text)") in checked.stdout
    assert "after-meeting.de.yaml:26:3: RS025 'After the meeting' is not translated" \
        in checked.stdout
    fill_in(author / "dialogues" / "after-meeting.de.yaml")
    fill_in(author / "rules" / "after.de.yaml")
    checked = reflect(author, "validate", "dialogues", "rules", "--rules", "rules",
                      "--lang", "de")
    assert checked.returncode == 0, checked.stdout
    ran = reflect(author, "run", "after-meeting", "--plain", "--lang", "de", "--prompts",
                  "dialogues", "--rules", "rules", input=ANSWERS)
    assert ran.returncode == 0, ran.stderr
    assert "Worum ging es in dem Treffen vor allem?" in ran.stdout
    assert "Warum ist dir gerade das im Gedächtnis geblieben?" in ran.stdout
    assert "Hilfreich: 4 von 5." in ran.stdout


def test_translate_keeps_a_translation_whose_english_changed_and_flags_it(author: Path
                                                                          ) -> None:
    reflect(author, "translate", "--lang", "de", "dialogues/after-meeting.yaml")
    table = author / "dialogues" / "after-meeting.de.yaml"
    fill_in(table)
    script = author / "dialogues" / "after-meeting.yaml"
    script.write_text(script.read_text().replace("How useful was the meeting for you?",
                                                 "How useful was today's meeting for you?"))
    again = reflect(author, "translate", "--lang", "de", str(script))
    assert "0 new to translate, 1 outdated, 23 kept" in again.stdout, again.stdout
    text = table.read_text(encoding="utf-8")
    assert "# English now: \"How useful was today's meeting for you?\"" in text
    assert '{text: "Wie hilfreich war das Treffen für dich?", source: ' in text
    checked = reflect(author, "validate", "dialogues", "--rules", "rules")
    assert checked.returncode == 1
    assert "RS026 'steps.useful.prompt' was translated from an older English text" \
        in checked.stdout and "delete 'outdated: true'" in checked.stdout
    table.write_text(text.replace(", outdated: true", ""), encoding="utf-8")
    assert reflect(author, "validate", "dialogues", "--rules", "rules").returncode == 0


def test_the_missing_translation_hint_names_a_command_that_exists(author: Path) -> None:
    checked = reflect(author, "validate", "dialogues", "--rules", "rules", "--lang", "da")
    assert checked.returncode == 1
    hint = "run `reflect translate --lang da dialogues/after-meeting.yaml`"
    assert hint in checked.stdout, checked.stdout
    assert reflect(author, *hint.strip("run `").split()[1:]).returncode == 0
    assert (author / "dialogues" / "after-meeting.da.yaml").is_file()
