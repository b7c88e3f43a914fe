"""Rehearsing the first sentence in the conflict dialogue: `reflect run conflict-resolution
--plain` in a real subprocess offers it after the opening step, codes each try for
I-statements, blame, judgement and absolutes, and the scripted counterpart reacts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.rehearsal import REACTIONS, Reading, check_reactions
from assistant.services.rehearsal import RehearsalRun, rehearsal_dir

ROOT = Path(__file__).resolve().parent.parent

# The answers before the opening, as in tests/transcripts/conflict-resolution/en-calm.yaml;
# "" ends a multi-line answer.
CALM = [
    "", "1",
    "Mostly puzzled and a little disappointed, but calm enough to think it through.", "",
    "In our last two meetings my mentor suggested I apply for the team lead role. I said I "
    "was not ready, and she changed the subject both times.", "",
    "I did not explain why I feel not ready, so she only heard a no.", "",
    "She may think I am turning down a good chance out of fear.", "",
    "To be taken seriously in my own timing",
    "To see me grow and to feel her advice is useful",
    "Tell her what would make me ready; agree on a smaller step first.", "",
    "Propose leading the next small project first.", "",
    "That my mentor tells me what she would need to see from me by then.", "",
    "1",
]
ATTACK = {"en": "You always ignore my work",
          "de": "Du ignorierst meine Arbeit immer.",
          "da": "Du ignorerer altid mit arbejde."}
I_STATEMENT = {"en": "I felt overlooked when my analysis was presented without my name",
               "de": "Ich habe mich übergangen gefühlt, als meine Analyse ohne meinen Namen "
                     "vorgestellt wurde.",
               "da": "Jeg følte mig overset, da min analyse blev fremlagt uden mit navn."}


def run_conflict(home: Path, lines: list[str], lang: str = "en"
                 ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REFLECT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assistant", "run", "conflict-resolution",
                           "--plain", "--lang", lang], input="\n".join(lines) + "\n",
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=90)


def test_the_conflict_dialogue_rehearses_the_first_sentence(data_home: Path) -> None:
    lines = [*CALM, ATTACK["en"], I_STATEMENT["en"], "", ":done"]
    proc = run_conflict(data_home, lines)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "Rehearse it: a scripted counterpart hears your first sentence and reacts." in out
    attack, calm = out.split("Rehearse it:")[1].split("  Heard: ")[1:3]
    assert attack.startswith("I-statement: no · blame: yes · judgement: no · absolutes: yes "
                             "(always)")
    assert 'Counterpart: "Always? That\'s not fair.' in attack
    assert calm.startswith("I-statement: yes · blame: no · judgement: no · absolutes: no")
    assert "Counterpart: \"Oh. I didn't realise it came across like that." in calm
    assert "Your plan keeps the sentence you wrote" in out
    assert "# Resolution plan" in out  # the dialogue went on to the end
    assert "You always ignore my work" in out.split("# Resolution plan")[1]


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_the_counterpart_reacts_differently_in_every_language(lang: str) -> None:
    run = RehearsalRun(lang)
    attack, calm = run.hear(ATTACK[lang]), run.hear(I_STATEMENT[lang])
    assert attack.reading.reaction == "absolute" and calm.reading.reaction == "open"
    assert attack.say != calm.say and attack.coach != calm.coach
    again = run.hear(ATTACK[lang])
    assert again.say != attack.say  # a second try gets the next line


@pytest.mark.parametrize(("facts", "reaction"), [
    ({"blame_language": True, "you_statements": 1}, "blame"),
    ({"judgemental": True, "i_statements": 1}, "judgement"),
    ({"you_statements": 2, "i_statements": 1}, "you"),
    ({"i_statements": 1}, "open"),
    ({}, "unclear"),
    ({"absolute_language": True, "absolute_terms": ["never"], "i_statements": 1},
     "absolute"),
])
def test_the_reading_picks_the_reaction_worst_first(facts: dict, reaction: str) -> None:
    assert Reading.of(facts).reaction == reaction


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_the_reaction_files_validate(lang: str) -> None:
    path = rehearsal_dir() / f"{lang}.yaml"
    assert check_reactions(path.read_text("utf-8"), str(path)) == []


def test_a_broken_reaction_file_gets_positions_and_did_you_mean() -> None:
    text = ("reactions:\n  absolut:\n    say: ['a']\n    coach: 'b'\n"
            "  open:\n    say: []\n    coach: 'c'\n")
    diags = check_reactions(text, "r.yaml")
    unknown = next(d for d in diags if d.code == "RH004")
    assert (unknown.line, unknown.col) == (2, 3) and "'absolute'" in unknown.hint
    empty = next(d for d in diags if d.code == "RH003")
    assert empty.line == 6
    missing = {d.message for d in diags if d.code == "RH002"}
    assert len(missing) == len(REACTIONS) - 1  # all but 'open'


SCRIPT = """\
id: first-line
title: A first sentence
purpose: Try the first sentence of a hard conversation.
minutes: 2
steps:
  - id: opening
    kind: text
    prompt: What could be your first sentence when you raise it?
    tags: [opening, rehearse]
  - id: review
    kind: review
    prompt: Here it is.
"""


async def test_the_app_offers_the_rehearsal_after_the_sentence(tmp_path: Path,
                                                               data_home: Path) -> None:
    from rich.text import Text
    from textual.widgets import Input, Static

    from assistant.services.library import Library
    from assistant.store import Store
    from assistant.tui.app import make_app
    from assistant.tui.screens.dialogue import DialogueScreen
    from assistant.tui.screens.rehearsal import RehearsalScreen
    from assistant.tui.widgets.transcript import Transcript
    from tests.test_practice_tui import settle

    prompts, rules = tmp_path / "prompts", tmp_path / "rules"
    prompts.mkdir()
    rules.mkdir()
    (prompts / "first-line.yaml").write_text(SCRIPT, encoding="utf-8")
    (prompts / "first-line.md.j2").write_text("# {{ answers.opening }}\n", encoding="utf-8")

    def log(screen) -> str:
        return "\n".join(e.content.plain if isinstance(e.content, Text) else str(e.content)
                         for e in screen.query_one(Transcript).query(Static))

    with Store.open(data_home) as store:
        app = make_app(store, Library(prompts=prompts, rules=rules), facts=None)
        async with app.run_test(size=(100, 34)) as pilot:
            await settle(pilot)
            app.push_screen(DialogueScreen(script_id="first-line"))
            await settle(pilot)
            app.screen.query_one("#answer-line", Input).value = ATTACK["en"]
            await pilot.press("enter")
            await settle(pilot)
            modal = app.screen
            assert isinstance(modal, RehearsalScreen)
            assert "Counterpart: \u201cAlways? That's not fair." in log(modal)
            modal.query_one("#rehearsal-input", Input).value = I_STATEMENT["en"]
            await pilot.press("enter")
            await settle(pilot)
            assert "I-statement: yes · blame: no" in log(modal)
            assert "Tell me what happened for you." in log(modal)
            await pilot.press("enter")  # an empty line goes back to the dialogue
            await settle(pilot)
            assert isinstance(app.screen, DialogueScreen)
            assert app.screen.turn.kind == "review"
            assert app.screen.dialogue.stepper.answers()["opening"] == ATTACK["en"]
