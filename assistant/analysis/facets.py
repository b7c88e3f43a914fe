"""Goal facets, feelings, tone and the language of blame, from the compiled word lists.

Each function takes the lower-cased, cleaned text and the lexicons of the languages in
play (one, or two for a mixed text) and returns plain values for `Facts`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator

from ..core.facts import WORD_RE
from .lexicon import Lexicon

_NEG_WINDOW = 3  # words before a feeling or tone word that can negate it


def _found(pattern: re.Pattern[str], low: str, original: str) -> list[str]:
    return _found_in(pattern.finditer(low), original)


def _found_in(matches: Iterable[re.Match[str]], original: str) -> list[str]:
    seen: list[str] = []
    keys: set[str] = set()
    for m in matches:
        if m.group(0) not in keys:
            keys.add(m.group(0))
            seen.append(original[m.start() : m.end()])
    return seen


def goal_facets(lexes: Iterable[Lexicon], low: str, original: str,
                first_sentence: str) -> dict[str, object]:
    time_phrases: list[str] = []
    hedges: list[str] = []
    vague_terms: list[str] = []
    has_number = has_measure = has_frequency = starts_with_action = False
    for lex in lexes:
        p = lex.patterns
        times = list(p["time"].finditer(low))  # one scan for the phrases and _counts
        time_phrases += [t for t in _found_in(times, original) if t not in time_phrases]
        hedges += [h for h in _found(lex.phrases["hedges"], low, original) if h not in hedges]
        vague_terms += [v for v in _found(lex.phrases["vague"], low, original)
                        if v not in vague_terms]
        numbers = p["number"].finditer(low)
        first_number = next(numbers, None)
        has_number = has_number or first_number is not None
        has_frequency = has_frequency or bool(p["frequency"].search(low))
        has_measure = (has_measure or bool(p["measure"].search(low))
                       or _counts(times, first_number, numbers))
        starts_with_action = starts_with_action or _starts_with_action(lex, first_sentence)
    has_measure = has_measure or has_frequency
    has_deadline = bool(time_phrases)
    return {
        "has_number": has_number,
        "has_measure": has_measure,
        "has_frequency": has_frequency,
        "has_deadline": has_deadline,
        "time_phrases": time_phrases[:10],
        "starts_with_action": starts_with_action,
        "hedged": bool(hedges),
        "hedges": hedges[:10],
        "vague": bool(vague_terms) and not has_measure and not has_deadline,
        "vague_terms": vague_terms[:10],
    }


_NOT_COUNTS = frozenset({
    "first", "second", "third", "once", "half", "several", "a few", "few", "single",
    "couple of", "a couple of", "erste", "ersten", "zweite", "dritte", "einmal", "halb",
    "halbe", "halben", "mehrere", "ein paar", "paar", "første", "anden", "tredje", "halv",
    "halvdelen", "flere", "et par", "par", "en gang",
})


def _counts(times: list[re.Match[str]], first: re.Match[str] | None,
            rest: Iterator[re.Match[str]]) -> bool:
    """A number that counts something: not a date or time span ("in three weeks").

    `times` are the time-phrase matches, `first` and `rest` the number matches in order.
    """
    if first is None:
        return False
    spans = [m.span() for m in times]
    for m in itertools.chain((first,), rest):
        if m.group(0) in _NOT_COUNTS or any(a <= m.start() < b for a, b in spans):
            continue
        return True
    return False


def _starts_with_action(lex: Lexicon, sentence: str) -> bool:
    """Does the (first) sentence of a goal start from an action the person takes?"""
    s = sentence.strip(" \t-–•*\"'").lower()
    lead = lex.patterns["action_lead"].match(s)
    rest = s[lead.end():].lstrip(" ,") if lead else s
    verbs = lex.phrases["action_verbs"]
    if verbs.match(rest):
        return True
    if lex.lang == "de" or (lead and lex.lang != "en"):
        # German puts the infinitive last ("Ich will bis Juni die Arbeit abgeben") and
        # Danish can put an adverb first ("Jeg vil gerne skrive ..."): look at the clause.
        clause = re.split(r"[,.;:!?]", rest, maxsplit=1)[0]
        words = WORD_RE.findall(clause)
        if not words:
            return False
        if lead and any(verbs.fullmatch(w) for w in words):
            return True
        return bool(verbs.fullmatch(words[-1]) or verbs.fullmatch(words[0]))
    return False


def _negated(lex: Lexicon, low: str, start: int) -> bool:
    before = WORD_RE.findall(low[max(0, start - 40) : start])[-_NEG_WINDOW:]
    return any(lex.phrases["negations"].fullmatch(w) for w in before)


def _intensified(lex: Lexicon, low: str, start: int) -> bool:
    before = WORD_RE.findall(low[max(0, start - 20) : start])[-1:]
    return any(lex.phrases["intensifiers"].fullmatch(w) for w in before)


def feeling_facets(lexes: Iterable[Lexicon], low: str, original: str) -> dict[str, object]:
    families: list[str] = []
    words: list[str] = []
    seen_words: set[str] = set()
    score = 0.0
    for lex in lexes:
        taken = bytearray(len(low))  # 1 where a feeling or tone word already counted
        for m in lex.feelings.finditer(low):
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            value = lex.feeling_valence.get(m.lastgroup or "", 0.0)
            if _negated(lex, low, m.start()):
                score -= 0.5 * value
                continue
            score += value * (1.5 if _intensified(lex, low, m.start()) else 1.0)
            if m.lastgroup and m.lastgroup not in families:
                families.append(m.lastgroup)
            if m.group(0) not in seen_words:
                seen_words.add(m.group(0))
                words.append(original[m.start() : m.end()])
        for key, value in (("strong_positive", 2.0), ("strong_negative", -2.0),
                           ("positive", 1.0), ("negative", -1.0)):
            for m in lex.phrases[key].finditer(low):
                if taken.find(1, m.start(), m.end()) != -1:
                    continue
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                if _negated(lex, low, m.start()):
                    score -= 0.5 * value
                else:
                    score += value * (1.5 if _intensified(lex, low, m.start()) else 1.0)
    tone = round(score / math.sqrt(score * score + 6.0), 3) if score else 0.0
    label = "positive" if tone >= 0.2 else "negative" if tone <= -0.2 else "neutral"
    return {"feelings": families, "feeling_words": words[:20], "tone": tone, "tone_label": label}


def stance_facets(lexes: Iterable[Lexicon], low: str, original: str,
                  sentences: list[str]) -> dict[str, object]:
    lexes = list(lexes)
    absolutes: list[str] = []
    blame = False
    for lex in lexes:
        absolutes += [a for a in _found(lex.phrases["absolutes"], low, original)
                      if a not in absolutes]
        blame = blame or bool(lex.patterns["blame"].search(low))
    first = frozenset().union(*(lex.first_person for lex in lexes))
    second = frozenset().union(*(lex.second_person for lex in lexes))
    lead = frozenset().union(*(lex.raw.get("first_person_lead", ()) for lex in lexes))
    i_count = you_count = 0
    for sentence in sentences:
        words = WORD_RE.findall(sentence)
        lowered = {w.lower() for w in words}
        if lowered & first or (words and words[0].lower() in lead):
            i_count += 1
        # "Sie" is formal "you" only when capitalised inside a sentence.
        if lowered & second or any(w == "Sie" for w in words[1:]):
            you_count += 1
    return {
        "absolute_language": bool(absolutes),
        "absolute_terms": absolutes[:10],
        "blame_language": blame,
        "i_statements": i_count,
        "you_statements": you_count,
    }
