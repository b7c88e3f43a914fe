"""The closed vocabulary of facts that rules may test (`facts.<name>`).

This module is pure: standard library only, no nltk, no I/O. The rule loader checks every
`facts.<name>` in a condition against `FACTS`, so an unknown name fails at load time with a
suggestion. `assistant.analysis.analyse()` returns exactly these keys (a test holds the two
in step), and `docs/analysis.md` explains how each one is computed.

`basic_facts()` gives the three facts that need no analysis at all; `neutral_facts()` fills
every other fact with a neutral value, for hosts that must evaluate rules before the
(lazily loaded) analysis is ready.
"""

from __future__ import annotations

import re
from typing import Any

# One word: letters or digits, optionally joined by a hyphen or apostrophe ("don't",
# "e-mail", "Mentee-Gespräch"). The analysis package counts words with the same pattern,
# so `words` agrees whether or not the analysis is loaded.
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

#: The codes a mentor's reply can get (`facts.utterance`, `assistant.analysis.code_reply`,
#: the practice scorecard): one vocabulary for the analysis and the core.
REPLY_CODES: tuple[str, ...] = (
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "affirmation",
    "advice",
    "information",
    "other",
)

FACTS: dict[str, str] = {
    # size
    "words": "number of words (letters or digits, hyphenated and apostrophe forms count once)",
    "chars": "number of characters after trimming surrounding whitespace",
    "empty": "true when the answer holds no word at all",
    "tokens": "number of tokens, words and punctuation marks together",
    "sentences": "number of sentences",
    # language
    "lang": "language of the text: en, de, da, mixed or unknown",
    "lang_confidence": "share of language cue words that point to the chosen language, 0..1",
    # goal facets
    "has_number": "the text contains a number, in digits or as a number word",
    "has_measure": "the text names a quantity to check progress against (count, unit, percent)",
    "has_frequency": "the text names how often something happens (twice a week, jeden Montag)",
    "has_deadline": "the text names a time frame or deadline (by March, bis Ende Juni, 1.5.)",
    "time_phrases": "the time-frame or deadline phrases found, as written",
    "starts_with_action": "the goal starts from something the person will do (an action verb)",
    "hedged": "the text softens its commitment (maybe, I'll try, vielleicht, måske)",
    "hedges": "the hedging words or phrases found",
    "vague": "the text uses vague wording and names no measure or time frame",
    "vague_terms": "the vague words found (better, more, something, irgendwie, noget)",
    # feelings and tone
    "feelings": "families of the feeling words found (worry, frustration, hope, pride, ...)",
    "feeling_words": "the feeling words found, as written",
    "tone": "overall tone from -1 (very negative) to 1 (very positive)",
    "tone_label": "negative, neutral or positive, from tone",
    "absolute_language": "the text uses absolutes (always, never, immer, nie, altid, aldrig)",
    "absolute_terms": "the absolute words found",
    "blame_language": "the text blames a person (you always, your fault, du immer, din skyld)",
    "i_statements": "number of sentences that speak from the first person (I, ich, jeg)",
    "you_statements": "number of sentences that point at the other person (you, du, Sie)",
    # the text as a reply in a conversation
    "is_question": "the text asks at least one question",
    "questions": "number of questions asked",
    "utterance": "reply code: open_question, closed_question, simple_reflection, "
    "complex_reflection, affirmation, advice, information or other",
    "why_question": "the reply asks why (warum, hvorfor), which can sound like a challenge",
    "leading_question": "the reply is a question that suggests its own answer",
    "stacked_questions": "the reply asks two or more questions at once",
    "judgemental": "the reply judges the person or what they did",
    # quoting
    "key_phrases": "up to five short phrases from the person's own words, most telling first",
    # safety
    "safety_concern": ("the answer suggests self-harm, a crisis, harassment, discrimination"
                       " or violence"),
    "safety_topics": ("which of self_harm, crisis, harassment, discrimination, violence it"
                      " suggests"),
}

_NEUTRAL: dict[str, Any] = {
    "tokens": 0,
    "sentences": 0,
    "lang": "unknown",
    "lang_confidence": 0.0,
    "has_number": False,
    "has_measure": False,
    "has_frequency": False,
    "has_deadline": False,
    "time_phrases": [],
    "starts_with_action": False,
    "hedged": False,
    "hedges": [],
    "vague": False,
    "vague_terms": [],
    "feelings": [],
    "feeling_words": [],
    "tone": 0.0,
    "tone_label": "neutral",
    "absolute_language": False,
    "absolute_terms": [],
    "blame_language": False,
    "i_statements": 0,
    "you_statements": 0,
    "is_question": False,
    "questions": 0,
    "utterance": "other",
    "why_question": False,
    "leading_question": False,
    "stacked_questions": False,
    "judgemental": False,
    "key_phrases": [],
    "safety_concern": False,
    "safety_topics": [],
}


def basic_facts(text: str) -> dict[str, Any]:
    """The facts that cost nothing: `words`, `chars` and `empty`."""
    text = text or ""
    words = len(WORD_RE.findall(text))
    return {"words": words, "chars": len(text.strip()), "empty": words == 0}


def neutral_facts(text: str) -> dict[str, Any]:
    """Every fact in `FACTS`: the basic ones computed, the rest neutral (nothing found)."""
    facts: dict[str, Any] = {
        key: list(value) if isinstance(value, list) else value for key, value in _NEUTRAL.items()
    }
    facts.update(basic_facts(text))
    return facts
