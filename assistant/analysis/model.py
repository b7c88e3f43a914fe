"""The two results of the analysis: `Facts` about an answer and a `ReplyCode` for a reply.

Plain dataclasses with no nltk behind them, so hosts can import and type against them
without paying for the language tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..core.facts import REPLY_CODES

__all__ = ["REPLY_CODES", "Facts", "ReplyCode"]


@dataclass(slots=True)
class ReplyCode:
    """How a mentor's reply works in the conversation, with the reason in one sentence.

    `evidence` names the features that weighed most for the code (see `replies.py`);
    `reason_for(lang)` says them in plain words in en, de or da.
    """

    code: str = "other"
    why: bool = False
    leading: bool = False
    stacked: bool = False
    judgement: bool = False
    questions: int = 0
    reason_id: str = "other.empty"
    reason: str = ""
    evidence: tuple[str, ...] = ()

    def reason_for(self, lang: str = "en") -> str:
        from .replies import reason_text

        return reason_text(self.reason_id, lang, self.evidence)

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["evidence"] = list(self.evidence)
        return out


@dataclass(slots=True)
class Facts:
    """Facts about one answer; `as_dict()` keys are exactly `assistant.core.facts.FACTS`."""

    words: int = 0
    chars: int = 0
    empty: bool = True
    tokens: int = 0
    sentences: int = 0
    lang: str = "unknown"
    lang_confidence: float = 0.0
    has_number: bool = False
    has_measure: bool = False
    has_frequency: bool = False
    has_deadline: bool = False
    time_phrases: list[str] = field(default_factory=list)
    starts_with_action: bool = False
    hedged: bool = False
    hedges: list[str] = field(default_factory=list)
    vague: bool = False
    vague_terms: list[str] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    feeling_words: list[str] = field(default_factory=list)
    tone: float = 0.0
    tone_label: str = "neutral"
    absolute_language: bool = False
    absolute_terms: list[str] = field(default_factory=list)
    blame_language: bool = False
    i_statements: int = 0
    you_statements: int = 0
    is_question: bool = False
    questions: int = 0
    utterance: str = "other"
    why_question: bool = False
    leading_question: bool = False
    stacked_questions: bool = False
    judgemental: bool = False
    key_phrases: list[str] = field(default_factory=list)
    safety_concern: bool = False
    safety_topics: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, list) else value
        return out
