"""Which of en, de, da a text is written in, from function words and letters.

Each language has a list of frequent function words (`cues` in its word list). A word
votes for every language that lists it; æ/ø/å vote for Danish and ä/ö/ü/ß for German. The
winner needs most of the votes. "mixed" needs two languages each with a solid number of
words only they use (so "du", shared by German and Danish, never makes a text mixed);
a text without any cue is "unknown".
"""

from __future__ import annotations

from functools import cache

from .lexicon import LANGS, words

_LETTERS = {"da": "æøå", "de": "äöüß"}


@cache
def _votes() -> dict[str, tuple[str, ...]]:
    votes: dict[str, list[str]] = {}
    for lang in LANGS:  # the lists as written: no language's patterns are compiled here
        for word in {w.lower() for w in words(lang).get("cues", [])}:
            votes.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in votes.items()}


def detect(words: list[str]) -> tuple[str, float, list[str]]:
    """(language, confidence, languages present) for lower-cased `words`."""
    votes = _votes()
    scores = dict.fromkeys(LANGS, 0.0)
    own = dict.fromkeys(LANGS, 0.0)
    for word in words:
        langs = votes.get(word)
        if langs:
            for lang in langs:
                scores[lang] += 1.0
            if len(langs) == 1:
                own[langs[0]] += 1.0
        if not word.isascii():
            for lang, letters in _LETTERS.items():
                if any(ch in letters for ch in word):
                    scores[lang] += 1.5
                    own[lang] += 1.5
    total = sum(scores.values())
    if total == 0:
        return "unknown", 0.0, []
    ranked = sorted(LANGS, key=lambda lang: (scores[lang], own[lang]), reverse=True)
    best, second = ranked[0], ranked[1]
    confidence = round(scores[best] / total, 3)
    if own[second] >= 3 and own[second] >= 0.4 * own[best] and len(words) >= 8:
        return "mixed", confidence, [best, second]
    if (scores[best], own[best]) == (scores[second], own[second]):
        return "unknown", confidence, [best, second]
    return best, confidence, [best]
