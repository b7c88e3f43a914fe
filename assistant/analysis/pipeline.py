"""`analyse()`: every fact about one answer, in one pass over the cleaned text."""

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


def preload() -> None:
    for lang in LANGS:
        lexicon(lang)
    analyse("I will finish the report by March. Ich bin froh. Jeg er glad.")
    safety_topics("")


def analyse(text: str, lang: str | None = None, context: str | None = None) -> Facts:
    text = clean(text)
    basic = basic_facts(text)
    facts = Facts(words=basic["words"], chars=basic["chars"], empty=basic["empty"])
    if facts.empty:
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

    reply = code_clean(text, sents, primary, clean(context) if context else None)
    facts.utterance = reply.code
    facts.questions = reply.questions
    facts.is_question = reply.questions > 0
    facts.why_question = reply.why
    facts.leading_question = reply.leading
    facts.stacked_questions = reply.stacked
    facts.judgemental = reply.judgement
    facts.key_phrases = key_phrases(lexicon(primary), tokens)
    facts.safety_topics = safety_topics(low)
    facts.safety_concern = bool(facts.safety_topics)
    return facts


__all__ = ["WORD_RE", "analyse", "preload"]
