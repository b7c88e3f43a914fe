"""The facts rules read, and the rules themselves, on the sentences people actually write.

Each case was seen misfiring in use (issue 21): name-calling and accusations with no
blame, "on me" counted as an I-statement, "I said nothing" taken as an absolute, a
weekday meeting not taken as a time. The transcripts `*-blame-plain-words.yaml` show the
same cases in the dialogue.
"""

from __future__ import annotations

import pytest

from assistant.analysis import analyse
from assistant.core.messages import MIN_WORDS
from assistant.i18n import tn
from assistant.services.transcript import run_transcript


def facts(text: str) -> dict:
    return analyse(text, lang=None, context=None).as_dict()


BLAME = [
    "He is a selfish idiot.",
    "he's such an arrogant jerk",
    "He stole my analysis.",
    "she took credit for my slides again",
    "She never cares about my progress.",
    "never cares about my progress",
    "Er ist ein egoistischer Idiot.",
    "Er hat meine Analyse geklaut.",
    "Sie interessiert sich nie für meinen Fortschritt.",
    "Han er en egoistisk idiot.",
    "Han stjal min analyse.",
    "Hun interesserer sig aldrig for mine fremskridt.",
]

NOT_BLAME = [
    "I was a fool to wait so long.",
    "She is great and we get on well.",
    "I never ask about her weekend.",
    "Ich war dumm, so lange zu warten.",
    "Jeg var et fjols, at jeg ventede så længe.",
]


@pytest.mark.parametrize("text", BLAME)
def test_plain_blame_is_blame(text: str) -> None:
    assert facts(text)["blame_language"], text


@pytest.mark.parametrize("text", [
    "He is a selfish idiot.", "He stole my analysis.",
    "Er ist ein egoistischer Idiot.", "Er hat meine Analyse geklaut.",
    "Han er en egoistisk idiot.", "Han stjal min analyse.",
])
def test_insults_and_theft_sound_negative(text: str) -> None:
    assert facts(text)["tone"] < 0, text


@pytest.mark.parametrize("text", NOT_BLAME)
def test_own_mistakes_and_praise_are_not_blame(text: str) -> None:
    assert not facts(text)["blame_language"], text


@pytest.mark.parametrize("text", [
    "You keep cancelling on me and it has to stop.",
    "Du sagst mir ständig ab, und das muss aufhören.",
    "Du aflyser hele tiden for mig, og det skal stoppe.",
])
def test_the_speaker_as_object_is_no_i_statement(text: str) -> None:
    f = facts(text)
    assert (f["i_statements"], f["you_statements"]) == (0, 1), text


@pytest.mark.parametrize("text", [
    "I felt overlooked when my analysis was presented without my name.",
    "My worry is that we drift apart.",
    "Mir ist aufgefallen, dass du oft absagst.",
    "Ich war enttäuscht, als du abgesagt hast.",
    "Min bekymring er, at du ofte aflyser.",
    "Jeg blev skuffet, da du aflyste.",
])
def test_sentences_from_the_speaker_are_i_statements(text: str) -> None:
    assert facts(text)["i_statements"] == 1, text


@pytest.mark.parametrize("text", [
    "I said nothing.",
    "Ich habe nichts gesagt.",
    "Jeg sagde ingenting.",
    "Auf jeder Folie steht, wer die Analyse gemacht hat.",
])
def test_a_fact_with_nothing_or_every_is_no_absolute(text: str) -> None:
    assert not facts(text)["absolute_language"], text


@pytest.mark.parametrize("text", [
    "Nobody ever listens to me.",
    "Niemand hört mir je zu.",
    "Ingen lytter nogensinde til mig.",
])
def test_real_generalisations_stay_absolutes(text: str) -> None:
    assert facts(text)["absolute_language"], text


@pytest.mark.parametrize("text", [
    "I will bring it up at Thursday's sync.",
    "I'll ask her on Monday morning.",
    "Ich spreche es im Donnerstagsmeeting an.",
    "Jeg tager det op på torsdagens møde.",
])
def test_a_weekday_meeting_is_a_time(text: str) -> None:
    assert facts(text)["has_deadline"], text


@pytest.mark.parametrize("lang,goal", [
    ("en", "Give three talks by June"),
    ("de", "Drei Vorträge bis Juni halten"),
    ("da", "Holde tre oplæg inden juni"),
])
def test_a_short_specific_goal_is_not_called_brief(lang: str, goal: str) -> None:
    """A goal with a number and a date says enough; 'that is brief' would teach padding."""
    text = (f"script: goal-clarification\nlang: {lang}\nturns:\n"
            f"  - step: welcome\n    answer: ''\n  - step: area\n    answer: '1'\n"
            f"  - step: wish\n    answer: {goal}\n  - step: why\n    answer: x\n")
    result = run_transcript(text, "inline.yaml")
    assert result.ok, result.failure
    after_wish = result.seen[3]
    assert after_wish.step.id == "why"
    brief = tn(*MIN_WORDS, 5, lang).split("(")[0]
    assert not [n for n in after_wish.notes if n.text.startswith(brief)], after_wish.notes
