"""The notices name the places to turn listed in helplines.yaml, and no other number."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest
import yaml

from assistant.services.library import Library

PHONE = re.compile(r"(?<![\w.])\d[\d ]{1,14}\d(?![\w])|(?<![\w.])\d{3,4}(?![\w])")


def helplines() -> dict:
    path = resources.files("assistant.analysis").joinpath("data", "safety", "helplines.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def notices(lang: str) -> dict[str, str]:
    rules = Library().rulesets(lang)["safety"].rules
    return {r.id: r.then.notice for r in rules if r.then.notice}


def test_the_file_says_when_and_how_it_was_checked():
    data = helplines()
    assert isinstance(data["checked"], dt.date)
    assert "memory" in data["how_checked"] and "re-check" in data["how_checked"]
    assert data["international"] == "findahelpline.com"


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_each_notice_names_its_places_and_only_listed_numbers(lang):
    data = helplines()[lang]
    texts = notices(lang)
    topic_rule = {"crisis": "safety-self-harm", "violence": "safety-violence",
                  "harassment": "safety-harassment"}
    listed = set(data["emergency"])
    for topic, rule in topic_rule.items():
        text = " ".join(texts[rule].split())
        for place in data[topic]:
            assert place["name"].split()[0] in text, (rule, place["name"])
            if "phone" in place:
                assert place["phone"] in text, (rule, place["phone"])
                listed.add(place["phone"])
        assert any(n in text for n in data["emergency"]), rule
        assert "privat" in text  # says the answer is private (private, privat, privat)
    for rule, text in texts.items():
        for number in PHONE.findall(" ".join(text.split())):
            assert number.strip() in listed, (rule, number)


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_crisis_and_violence_notices_name_the_international_fallback(lang):
    texts = notices(lang)
    assert "findahelpline.com" in texts["safety-self-harm"]
    assert "findahelpline.com" in texts["safety-violence"]
