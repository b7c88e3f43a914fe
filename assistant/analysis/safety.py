"""Safety topics: does an answer suggest harassment, discrimination, self-harm or a crisis?

A mentoring tool is not the right help for these; the `safety` rule set uses the two facts
computed here (`safety_concern`, `safety_topics`) to show a calm notice of where to turn,
without stopping the dialogue. The phrase lists are the team's own, per language, in
`data/safety/<lang>.yaml`. All three languages are checked for every answer, since a
person in distress may switch language, and a missed notice costs more than an extra one.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from .lexicon import LANGS, compile_trie

TOPICS = ("harassment", "discrimination", "self_harm", "crisis")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    merged: dict[str, list[str]] = {topic: [] for topic in TOPICS}
    for lang in LANGS:
        path = resources.files("assistant.analysis").joinpath("data", "safety", f"{lang}.yaml")
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for topic in TOPICS:
            merged[topic].extend(str(p).lower() for p in raw.get(topic, []) or [])
    return {topic: compile_trie(phrases) for topic, phrases in merged.items()}


def safety_topics(low: str) -> list[str]:
    """The topics whose phrases occur in the lower-cased text, in a fixed order."""
    return [topic for topic, pattern in _patterns().items() if pattern.search(low)]
