"""Code a mentor's reply the way motivational-interviewing coders do, by transparent rules.

The reply is split into sentences; filler words at the start ("so", "okay", "mm-hmm")
are set aside. Then, in order:

1. no words, only listening noises, or only meeting logistics -> `other`;
2. any question (a question mark, or a sentence that starts like a question, or an
   invitation such as "tell me more") -> `open_question` when at least one question is
   open, else `closed_question`; a suggestion phrased as a question ("why don't you ...")
   is `advice`;
3. otherwise the strongest statement decides: advice (should/could try/imperatives) >
   affirmation (recognising effort or strengths) > reflection (mirrors the mentee) >
   information (facts, experience); a bare judgement is `other`.

Affirmations come from word families in the lexicon (traits, virtues, praise words,
achievements) in general frames ("you're ... {trait}", "that shows ... {virtue}", "...,
which isn't easy"). Weaker cues, an achievement or a trait anywhere in a reply about the
mentee, count only when the words are the mentor's (not the mentee's own given back),
and no hard feeling, wish ("you want to be ...") or second side goes with them. A
reply that opens on a feeling ("You're proud that you did it") reflects, not affirms.

Spoken transcripts are read as what was meant: hesitations ("um", "äh", "øh"), asides
between commas ("you know", "I mean") and false starts ("what, what would") are set
aside first, and a question needs no "?" when its word order or a closing tag shows it.

Reflections are simple or complex: complex when they add a second side, an image, a
meaning or value, or a feeling the mentee did not name, or when most of their content is
new compared with `previous` (Snowball stems, so "worried"/"worry" match).

Modifiers: `why` (asks why), `leading` (suggests its answer), `stacked` (two or more
questions), `judgement` (judges the person). Cue lists live in `data/lexicon/<lang>.yaml`.
"""

from __future__ import annotations

import re
from functools import cache

from ..core.facts import WORD_RE
from .language import detect
from .lexicon import LANGS, Lexicon, lexicon, phrase_alternation, trie_alternation
from .lexicon import words as lexicon_words
from .model import ReplyCode
from .text import clean, collapse_repeats, sentences, stem

# Subject pronouns that, right after a verb, show it is not an instruction (verb-second).
# Only forms that cannot be objects ("Schreib es auf" is still an instruction).
_SUBJECTS = frozenset({"ich", "wir", "er", "man", "jeg", "vi", "han", "hun"})
_TRAILING_PUNCT = re.compile(r"[\s.!,;:…\"')\]]+$")


@cache
def _filler_re(lang: str) -> re.Pattern[str]:
    raw = lexicon(lang).raw.get("replies", {})
    fill = phrase_alternation(raw.get("fillers", []))
    excl = phrase_alternation(raw.get("exclamations", []))
    return re.compile(
        rf"^(?:(?:{fill})(?![\w'’-])[\s,.;:!…-]*|(?:{excl})\s*[,.;:!…-]+\s*)+"
    )


@cache
def _backchannel_re(lang: str) -> re.Pattern[str]:
    words: list[str] = []
    for other in LANGS:  # "okay" and "mm-hmm" travel across languages
        raw = lexicon_words(other).get("replies", {})
        words += raw.get("backchannel", []) + raw.get("exclamations", [])
    # A prefix tree, not an alternation: the lists are long and this is tried on every
    # sentence; only whether it matches is asked.
    alt = trie_alternation(words) or "(?!x)x"
    return re.compile(rf"^(?:(?:{alt})(?![\w'’-])[\s,.;:!?…-]*)+$")


@cache
def _spoken_res(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    raw = lexicon(lang).raw.get("replies", {})
    hes = phrase_alternation(raw.get("hesitations", [])) or "(?!x)x"
    par = phrase_alternation(raw.get("parentheticals", [])) or "(?!x)x"
    forms = phrase_alternation(list(raw.get("spoken_forms", {}))) or "(?!x)x"
    return (
        # "you're, uh, not sure" -> "you're not sure": the hesitation and its commas go.
        re.compile(rf"(?:,\s*)?(?<![\w'’-])(?:{hes})(?![\w'’-])(?:\s*(?:,|…|\.\.\.|-+(?!\w)))?"),
        # "which, you know, counts" -> "which counts": an aside between commas goes.
        re.compile(rf"(?:^|,)\s*(?:{par})\s*(?:,|(?=[.!?…]*\s*$))"),
        # "gonna" -> "going to": spoken spellings in their written form.
        re.compile(rf"(?<![\w'’-])(?:{forms})(?![\w'’-])"),
    )


@cache
def _spoken_forms(lang: str) -> dict[str, str]:
    raw = lexicon(lang).raw.get("replies", {}).get("spoken_forms", {})
    return {k.lower(): v for k, v in raw.items()}


_GAPS = re.compile(r"\s+(?=[,.?!])|(?<=\s)\s+")  # space before a stop, or a second space


def _spoken(lang: str, low: str) -> str:
    """A lower-cased sentence without the marks of speech: hesitations, asides, false starts.

    Transcripts of spoken mentoring say "So, um, what, what would help?" for "What would
    help?"; the cues below are written for the second form.
    """
    hes, par, forms = _spoken_res(lang)
    out = low
    if lexicon(lang).replies["hesitations"].search(out):
        out = hes.sub("", out)
    if forms.search(out):
        written = _spoken_forms(lang)
        out = forms.sub(lambda m: written.get(m.group().replace("’", "'"), m.group()), out)
    if "," in out or lexicon(lang).replies["parentheticals"].match(out):
        out = par.sub(" ", out)
    out = collapse_repeats(out)
    return _GAPS.sub("", out).strip() if out is not low else low


def _strip_fillers(lang: str, sentence: str) -> str:
    return _filler_re(lang).sub("", sentence, count=1).strip()


def _verb_second(lang: str, low: str) -> bool:
    """True when a V2 adverb opens the sentence without a comma ("Dann gehst du ...").

    In German and Danish the verb then comes second and the subject after it, so the
    words after the adverb look like a verb-first question but make a statement.
    """
    found = _filler_re(lang).match(low)
    if not found or found.group().rstrip()[-1:] in ",.;:!?…-":
        return False
    words = found.group().split()
    return bool(words) and lexicon(lang).replies["v2_openers"].fullmatch(words[-1]) is not None


def _starts(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern and pattern.match(text))


def _content_stems(lex: Lexicon, text: str) -> set[str]:
    out = set()
    for word in WORD_RE.findall(text.lower()):
        if len(word) > 2 and word not in lex.stopwords and word not in lex.second_person:
            out.add(stem(word, lex.lang))
    return out


def _families(lex: Lexicon, text: str) -> set[str]:
    return {m.lastgroup for m in lex.feelings.finditer(text) if m.lastgroup}


def _said_before(lex: Lexicon, words: str, previous: str | None) -> bool:
    """True when the mentee used all these content words: the reply gives them back."""
    if not previous:
        return False
    mine = _content_stems(lex, words.lower())
    return bool(mine) and mine <= _content_stems(lex, previous.lower())


def reason_text(reason_id: str, lang: str = "en") -> str:
    lang = lang if lang in LANGS else "en"
    return lexicon(lang).reasons.get(reason_id) or lexicon("en").reasons.get(reason_id, "")


# A cut-off start ("So you're—", "And what..."): a transcript's broken-off words.
_CUT_OFF = ("—", "–", "-", "…", "...")


class _Sentence:
    __slots__ = ("raw", "low", "core", "question", "fragment")

    def __init__(self, raw: str, lang: str, lex: Lexicon) -> None:
        self.raw = raw
        self.low = _spoken(lang, raw.lower())
        self.core = _strip_fillers(lang, self.low)
        r = lex.replies
        self.fragment = raw.rstrip().endswith(_CUT_OFF) and len(WORD_RE.findall(self.core)) <= 3
        if self.fragment:
            self.question = False
        elif self.low.rstrip().endswith("?"):
            self.question = True
        else:  # "Mhm, erzähl weiter." is a continuer, not a question
            # Transcripts drop the "?": the word order, a closing "would you say" or a
            # tag ("..., isn't it") still show a question.
            self.question = (
                any(_starts(r.get(key), self.core) for key in ("question_start", "invitation"))
                and (r["open_start"].match(self.core) is not None
                     or not _verb_second(lang, self.low))
                or bool(r["question_end"].search(self.core) or r["tag"].search(self.low))
                or ("," in self.core and any(  # "When you got home, did you talk to her"
                    r["question_clause"].match(_strip_fillers(lang, clause.strip()))
                    for clause in self.core.split(",")[1:]))
            ) and not _backchannel_re(lang).match(self.low.strip())


def _resolve_lang(text: str, previous: str | None, lang: str | None) -> str:
    if lang in LANGS:
        return lang  # type: ignore[return-value]
    words = [w.lower() for w in WORD_RE.findall(text)]
    found, _, present = detect(words)
    if found in LANGS:
        return found
    if found == "mixed":
        return present[0]
    if previous:
        found, _, present = detect([w.lower() for w in WORD_RE.findall(previous)])
        if found in LANGS:
            return found
        if present:
            return present[0]
    return "en"


def _code_question(lex: Lexicon, s: _Sentence) -> tuple[str, str, bool, bool]:
    """(code, reason_id, why, leading) for one question sentence."""
    r = lex.replies
    core = s.core
    why = bool(r["why"].search(core))
    leading = bool(r["leading"].search(core))
    if r["advice_question"].match(core):
        return "advice", "advice.question", False, True
    if r["tag"].search(s.low):
        return "closed_question", "question.tag", why, True
    if _starts(r.get("invitation"), core):
        return "open_question", "question.invitation", why, leading
    if r["choice"].search(core):  # "Which do you prefer, mornings or evenings?"
        return "closed_question", "question.closed", why, leading
    if not r["closed_exception"].match(core) and r["open_start"].match(core):
        return "open_question", "question.open", why, leading
    # "When you think about it, what worries you most?": a real question after a comma.
    for clause in core.split(",")[1:]:
        clause = _strip_fillers(lex.lang, clause.strip())
        if (r["question_start"].match(clause) and r["open_start"].match(clause)
                and not r["closed_exception"].match(clause)):
            return "open_question", "question.open", why, leading
    if r["closed_exception"].match(core):
        return "closed_question", "question.closed_exception", why, leading
    return "closed_question", "question.closed", why, leading


def _is_advice(lex: Lexicon, core: str) -> str | None:
    r = lex.replies
    for clause in [core] + [c.strip() for c in core.split(",")[1:]]:
        if r["advice_start"].match(clause):
            return "advice.statement"
    for clause in [core] + [c.strip() for c in core.split(",")[1:]]:
        # "Maybe follow it up by email": a softener before the verb keeps it an instruction.
        soft = r["soften"].match(clause)
        verb = clause[soft.end():].lstrip(" ,") if soft else clause
        found = r["imperatives"].match(verb)
        if found and not r["reflection"].match(verb):
            # "Vielleicht versuche ich ...": a subject after the verb makes it a statement.
            after = WORD_RE.findall(verb[found.end():found.end() + 12])[:1]
            if soft and after and after[0] in _SUBJECTS:
                continue
            # "Sleep deprivation affects memory": a noun after it makes the word a noun.
            if r["noun_after"].match(verb[found.end():]):
                continue
            return "advice.imperative"
    return None


def _reflection_kind(lex: Lexicon, text: str, previous: str | None, cue: _Cues,
                     felt: re.Match[str] | None = None) -> str:
    if cue("complex") or cue("contrast"):
        return "reflection.complex_marker"
    said = previous.lower() if previous else ""
    # "Du bist überrascht, ..." names a feeling; one the mentee did not name is a guess
    # at what they feel, so complex, even when the word is in no feeling family.
    if felt and said and not _content_stems(lex, felt.group()) & _content_stems(lex, said):
        return "reflection.complex_feeling"
    # "You feel ..." adds a feeling, unless it is the mentee's own ("I feel stuck" ->
    # "You feel stuck"): then it is complex only when it brings in new content words,
    # more than one re-inflected word ("befördert" -> "Beförderung").
    if cue("complex_feel"):
        mine = _content_stems(lex, text)
        new = mine - _content_stems(lex, said)
        if not said or (len(new) >= 2 and len(new) >= 0.4 * len(mine)):
            return "reflection.complex_marker"
    new_feelings = cue.families() - (_families(lex, said) if said else set())
    if new_feelings:
        return "reflection.complex_feeling"
    if said:
        mine = _content_stems(lex, text)
        new = mine - _content_stems(lex, said)
        if len(new) >= 3 and len(new) >= 0.6 * len(mine):
            return "reflection.complex_new"
    return "reflection.simple"


class _Overlap:
    """Share of the reply's content stems the mentee used, computed once and on demand."""

    __slots__ = ("lex", "text", "previous", "value")

    def __init__(self, lex: Lexicon, text: str, previous: str | None) -> None:
        self.lex, self.text, self.previous = lex, text, previous
        self.value: float | None = None

    def at_least(self, share: float) -> bool:
        if self.value is None:
            self.value = 0.0
            if self.previous:
                mine = _content_stems(self.lex, self.text)
                if mine:
                    said = _content_stems(self.lex, self.previous.lower())
                    self.value = len(mine & said) / len(mine)
        return self.value >= share


def _mentions_you(lex: Lexicon, text: str) -> bool:
    return any(w in lex.second_person for w in WORD_RE.findall(text))


def code_reply(reply: str, previous: str | None = None, lang: str | None = None) -> ReplyCode:
    """Code `reply` (what a mentor said) given `previous` (what the mentee said)."""
    text = clean(reply)
    previous = clean(previous) if previous else None
    if not WORD_RE.search(text):
        return _done(ReplyCode(code="other", reason_id="other.empty"))
    lang = _resolve_lang(text, previous, lang)
    return code_clean(text, sentences(text, lang), lang, previous)


def code_clean(text: str, split: list[str], lang: str, previous: str | None) -> ReplyCode:
    """`code_reply` for text already cleaned and split into sentences (used by analyse)."""
    if not WORD_RE.search(text):
        return _done(ReplyCode(code="other", reason_id="other.empty"))
    lex = lexicon(lang)
    r = lex.replies
    sents = [_Sentence(s, lang, lex) for s in split]
    judgement = bool(r["judgement"].search(text.lower()))
    # "Can you hear me?" or "Shall we take a break?" organise the meeting, not the talk;
    # "Really?" or "Echt?" on its own is a listening noise with a rising voice.
    for s in sents:
        if s.question and (r["structure"].match(s.core) or (
                len(sents) == 1 and _backchannel_re(lang).match(s.low.strip()))):
            s.question = False
    questions = [s for s in sents if s.question and WORD_RE.search(s.core)]
    # A bare tag ("..., right?") can be its own sentence after Punkt; keep it a question.
    questions += [s for s in sents if s.question and not WORD_RE.search(s.core)
                  and r["tag"].search(s.low) and s not in questions]
    if questions:
        coded = [_code_question(lex, s) for s in questions]
        advice = [c for c in coded if c[0] == "advice"]
        asking = [c for c in coded if c[0] != "advice"]
        if not asking:
            first = advice[0]
            return _done(ReplyCode("advice", False, True, len(coded) > 1, judgement,
                                   len(coded), first[1]))
        pick = next((c for c in asking if c[0] == "open_question"), asking[0])
        return _done(ReplyCode(
            code=pick[0],
            why=any(c[2] for c in asking),
            leading=any(c[3] for c in asking),
            stacked=len(asking) > 1,
            judgement=judgement,
            questions=len(asking),
            reason_id=pick[1],
        ))

    backchannel = _backchannel_re(lang)
    content = []
    structure = False
    for s in sents:
        if not WORD_RE.search(s.core) or s.fragment or backchannel.match(s.low.strip()):
            continue
        if r["structure"].match(s.core) or r["structure"].match(s.low):
            structure = True
            continue
        content.append(s)
    if not content:
        reason = "other.structure" if structure else "other.backchannel"
        return _done(ReplyCode("other", judgement=judgement, reason_id=reason))

    body = " ".join(s.low for s in content)
    # Searches that may match anywhere run once over the whole body, each only when its
    # answer can still change the code (long answers make every scan count); only the
    # cues that must open a sentence look at sentences one by one.
    cue = _Cues(lex, body)
    overlap = _Overlap(lex, body, previous)
    advice = ("advice.statement" if cue("advice") else None) or next(
        (why for s in content if (why := _is_advice(lex, s.core))), None)
    if advice and not overlap.at_least(0.7):  # 0.7: mirrors the mentee's own "I must ..."
        return _done(ReplyCode("advice", judgement=judgement, reason_id=advice))
    # "Du bist stolz, dass du es geschafft hast" names a feeling: a reflection, even with
    # the achievement in the clause after it; only the mentor's own praise affirms.
    felt = r["feeling_frame"].match(content[0].core)
    # A trait wished for is not praised ("You want to be someone people can count on"),
    # and praise with a second, felt side reflects more than it affirms ("You did it,
    # but you're not sure how you feel").
    # Praise words in a fact about other people ("Many managers take good work for
    # granted") praise no one here; "Not many would dare" compares, and praises, and
    # "All that practice paid off" is about the mentee's act.
    if not judgement and not felt and cue("affirmation") and not cue("wish") and not (
            cue("second_side") and (cue("contrast") or cue("complex"))) and not (
            cue("information_weak") and not _mentions_you(lex, body)
            and not cue("comparison") and not r["about_this"].match(body)):
        return _done(ReplyCode("affirmation", reason_id="affirmation"))
    strong = bool(cue("reflection_any")) or any(r["reflection"].match(s.core) for s in content)
    if not judgement and not felt:
        affirmation = _weak_affirmation(lex, cue, body, previous, overlap)
        if affirmation:
            return _done(ReplyCode("affirmation", reason_id=affirmation))
    # A reproach that merely starts with "du"/"you" ("Du hättest ihn wenigstens anrufen
    # können") judges; the mentee's own thought or fear ("Du glaubst, es war ein Fehler")
    # or a reflection cue elsewhere makes it a reflection.
    if judgement and not (cue("reflection_any") or cue("reflection_mind")):
        return _done(ReplyCode("other", judgement=True, reason_id="other.judgement"))
    info = not strong and bool(cue("information"))
    you = _mentions_you(lex, body)
    # "Short daily sessions often help more than long ones": a frequency word and no "you"
    # make a general statement, whatever its comparison or contrast.
    general = not you and bool(cue("information_weak"))
    if strong or (not info and (
            you or (not general and (cue("complex") or cue("complex_feel") or cue("contrast")))
            # "Annoying." / "Ärgerlich." name a feeling; longer statements about feelings
            # are often facts ("Burnout often shows first as exhaustion").
            or (len(WORD_RE.findall(body)) <= 4 and cue.families())
            or (not cue("information_weak") and overlap.at_least(0.5)))):
        kind = _reflection_kind(lex, body, previous, cue, felt)
        code = "simple_reflection" if kind == "reflection.simple" else "complex_reflection"
        return _done(ReplyCode(code, judgement=judgement, reason_id=kind))
    reason = "information.marker" if info else "information.default"
    return _done(ReplyCode("information", judgement=judgement, reason_id=reason))


def _weak_affirmation(lex: Lexicon, cue: _Cues, body: str, previous: str | None,
                      overlap: _Overlap) -> str | None:
    """The reason id when a weaker cue makes the reply an affirmation, else None.

    "You set yourself a big goal and reached it" credits the mentee with what they did,
    kept at or came through; "You handled the questions brilliantly" names a trait or a
    skilful manner. Neither counts when the words are the mentee's own given back ("I
    finished the marathon" -> "You finished the marathon"), nor beside a wish, a second
    side or a named feeling ("You did it, but you're not sure how you feel"); a trait
    also not beside a hard feeling ("afraid", "tired": that is reflected, not praised).
    """
    effort = cue("affirmation_effort")
    if effort and _said_before(lex, effort.group(), previous):
        effort = None
    trait = None
    if not effort and _mentions_you(lex, body):
        trait = cue("affirmation_trait")
        if trait and (_said_before(lex, trait.group(), previous)
                      or any(lex.feeling_valence.get(f, 0.0) < 0 for f in cue.families())):
            trait = None
    if not (effort or trait) or cue("wish") or cue("second_side") or cue("contrast") \
            or cue("complex_feel") or overlap.at_least(0.7):
        return None
    return "affirmation.effort" if effort else "affirmation"


class _Cues:
    """Matches of the reply cues in one body, each list searched at most once."""

    __slots__ = ("lex", "body", "found", "_families")

    def __init__(self, lex: Lexicon, body: str) -> None:
        self.lex, self.body = lex, body
        self.found: dict[str, re.Match[str] | None] = {}
        self._families: set[str] | None = None

    def __call__(self, key: str) -> re.Match[str] | None:
        if key not in self.found:
            self.found[key] = self.lex.replies[key].search(self.body)
        return self.found[key]

    def families(self) -> set[str]:
        """The feeling families named in the body (computed once)."""
        if self._families is None:
            self._families = _families(self.lex, self.body)
        return self._families


def _done(code: ReplyCode) -> ReplyCode:
    code.reason = reason_text(code.reason_id, "en")
    return code
