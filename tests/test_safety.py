"""Safety facts: answers that suggest more than a mentoring question, in three languages."""

from __future__ import annotations

import pytest

from assistant.analysis import analyse


@pytest.mark.parametrize(("text", "topics"), [
    ("My team lead keeps harassing me after work.", ["harassment"]),
    ("Some nights I think about ending my life.", ["self_harm"]),
    ("I was passed over because I am a woman, it felt like discrimination.", ["discrimination"]),
    ("Ich werde seit Monaten gemobbt.", ["harassment"]),
    ("Manchmal denke ich daran, mir etwas anzutun.", ["self_harm"]),
    ("Jeg bliver mobbet af min chef.", ["harassment"]),
    ("Jeg har haft selvmordstanker.", ["self_harm"]),
])
def test_safety_topics_are_found(text, topics):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is True
    assert facts["safety_topics"] == topics


@pytest.mark.parametrize("text", [
    "The project is in crisis and I need to prioritise.",
    "I want to kill it at my next presentation.",
    "Ich möchte bis Juni drei Vorträge halten.",
    "Jeg vil gerne blive bedre til at give feedback.",
])
def test_ordinary_mentoring_answers_raise_no_concern(text):
    facts = analyse(text).as_dict()
    assert facts["safety_concern"] is False
    assert facts["safety_topics"] == []
