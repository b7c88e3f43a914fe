"""A dialogue script changes between versions; the sessions people made with the old one
must keep every answer. Seen this session: splitting a question into two steps and a new
follow-up rule made finished sessions reload as unfinished, with every answer after the
change dropped (the stepper ignored an event for a step it did not expect, and all after).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.stepper import Stepper
from assistant.services.library import Library

OLD = """\
id: upgrade
title: Upgrade test
rules: [follow]
steps:
  - id: name
    kind: text
    prompt: Your name?
  - id: goal
    kind: text
    prompt: Your goal?
  - id: when
    kind: text
    prompt: By when?
  - id: review
    kind: review
    prompt: Review.
"""

# The new version asks a new question between two old ones, and probes short names.
NEW = OLD.replace("""  - id: goal
""", """  - id: nickname
    kind: text
    prompt: What should we call you?
  - id: goal
""").replace("    prompt: Your name?\n", "    prompt: Your name?\n    tags: [who]\n")

RULES_OLD = "id: follow\nrules: []\n"
RULES_NEW = """\
id: follow
rules:
  - id: short-name
    on: [who]
    when: answer.words < 2
    then:
      probe: Your full name, please?
"""


def library(tmp_path: Path, script: str, rules: str, name: str) -> Library:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "upgrade.yaml").write_text(script, encoding="utf-8")
    (folder / "follow.yaml").write_text(rules, encoding="utf-8")
    return Library(prompts=folder, rules=folder)


def old_events(tmp_path: Path, finish: bool):
    s = Stepper(library(tmp_path, OLD, RULES_OLD, "old").script("upgrade"))
    s.answer("Kim")
    s.answer("Give three talks")
    s.answer("by June")
    if finish:
        s.answer("done")
        assert s.finished
    return s.take_events()


@pytest.mark.parametrize("finish", [True, False])
def test_an_old_session_keeps_every_answer_under_the_new_script(tmp_path, finish):
    events = old_events(tmp_path, finish)
    new = library(tmp_path, NEW, RULES_NEW, "new").script("upgrade")
    s = Stepper(new, events=events)
    answers = s.answers()
    assert (answers["name"], answers["goal"], answers["when"]) == (
        "Kim", "Give three talks", "by June")
    assert s.finished is finish
    # The new question was never asked: it is open, not answered with anything.
    assert not answers.get("nickname")
    if not finish:
        assert s.current().step.id == "review"


def test_the_new_question_can_be_answered_from_the_review(tmp_path):
    events = old_events(tmp_path, finish=False)
    new = library(tmp_path, NEW, RULES_NEW, "new").script("upgrade")
    s = Stepper(new, events=events)
    s.edit("nickname")
    s.answer("Kimmie")
    assert s.current().step.id == "review"
    s.answer("done")
    again = Stepper(new, events=events + s.take_events())
    assert again.finished
    assert again.answers()["nickname"] == "Kimmie"
    assert again.answers()["goal"] == "Give three talks"
