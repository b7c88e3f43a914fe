"""`analyse()`: every fact about one answer, in one pass over the cleaned text.

An answer is stored whole however long it is, but analysed on a bounded part of it: a
pasted megabyte would otherwise cost seconds per pass, and every turn makes several.
`words` and `chars` count the whole answer (one quick pass); every other fact reads its
first `ANALYSIS_LIMIT` characters, cut at a space, and the safety check reads the last
`ANALYSIS_LIMIT` characters too, since what someone types after a pasted text is at its
end. The previous answer the reply coder compares with is bounded the same way.
"""

from __future__ import annotations

from ..core.facts import WORD_RE, basic_facts
from .facets import feeling_facets, goal_facets, stance_facets
from .language import detect
from .lexicon import LANGS, lexicon
from .model import Facts
from .phrases import key_phrases
from .replies import code_clean
from .safety import safety_topics
from .text import clean, sentences, tokenize

#: How much of one answer the analysis reads (about 1,500 words: several pages).
ANALYSIS_LIMIT = 10_000


def _head(text: str) -> str:
    if len(text) <= ANALYSIS_LIMIT:
        return text
    cut = text[:ANALYSIS_LIMIT]
    space = cut.rfind(" ", ANALYSIS_LIMIT // 2)
    return cut[:space] if space > 0 else cut


def _tail(text: str) -> str:
    if len(text) <= ANALYSIS_LIMIT:
        return ""
    cut = text[-ANALYSIS_LIMIT:]
    space = cut.find(" ", 0, ANALYSIS_LIMIT // 2)
    return cut[space + 1:] if space >= 0 else cut


def preload() -> None:
    for lang in LANGS:
        lexicon(lang)
    analyse("I will finish the report by March. Ich bin froh. Jeg er glad.")
    safety_topics("")


def analyse(text: str, lang: str | None = None, context: str | None = None) -> Facts:
    whole = text
    head = _head(whole)
    text = clean(head)
    basic = basic_facts(text if head is whole else clean(whole))
    facts = Facts(words=basic["words"], chars=basic["chars"], empty=basic["empty"])
    if facts.empty or not text.strip():
        facts.tokens = len(text.split())
        return facts
    tokens = tokenize(text)
    words = [t.lower() for t in tokens if t[:1].isalnum()]
    found, confidence, present = detect(words)
    if lang in LANGS:
        facts.lang, facts.lang_confidence, langs = lang, confidence, [lang]
    else:
        facts.lang, facts.lang_confidence = found, confidence
        langs = present if found == "mixed" else [found] if found in LANGS else list(LANGS)
    primary = langs[0] if found != "unknown" or lang in LANGS else "en"
    lexes = [lexicon(code) for code in langs]
    sents = sentences(text, primary)
    low = text.lower()
    facts.tokens = len(tokens)
    facts.sentences = len(sents)

    for key, value in goal_facets(lexes, low, text, sents[0] if sents else text).items():
        setattr(facts, key, value)
    for key, value in feeling_facets(lexes, low, text).items():
        setattr(facts, key, value)
    for key, value in stance_facets(lexes, low, text, sents).items():
        setattr(facts, key, value)

    reply = code_clean(text, sents, primary, clean(_head(context)) if context else None)
    facts.utterance = reply.code
    facts.questions = reply.questions
    facts.is_question = reply.questions > 0
    facts.why_question = reply.why
    facts.leading_question = reply.leading
    facts.stacked_questions = reply.stacked
    facts.judgemental = reply.judgement
    facts.key_phrases = key_phrases(lexicon(primary), tokens)
    tail = _tail(whole)
    facts.safety_topics = safety_topics(low if not tail else f"{low}\n{clean(tail).lower()}")
    facts.safety_concern = bool(facts.safety_topics)
    return facts


__all__ = ["WORD_RE", "analyse", "preload"]
