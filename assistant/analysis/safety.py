"""Safety topics: does an answer suggest a crisis, self-harm, harassment, discrimination or
violence?

A mentoring tool is not the right help for these; the `safety` rule set uses the two facts
computed here (`safety_concern`, `safety_topics`) to show a calm notice of where to turn,
without stopping the dialogue. A missed notice is the costliest error this product can
make, an extra one a small cost that must stay rare; docs/analysis.md has the measured
figures and what this cannot do.

Detection is by meaning as far as plain rules allow, and everything is data the team
writes (`data/safety/<lang>.yaml`), one entry per way of saying a thing:

- The text is split into words and clause breaks (punctuation and "but"-words), and each
  word is reduced to its Snowball stem, so "screamed", "screams" and "screaming" are one
  word to a pattern.
- A pattern is a row of slots: `want|wish ~2 die` is a stem of "want" or "wish", up to two
  other words, then a stem of "die". `selbstmord*` matches any stem that begins so
  (compounds: "Selbstmordgedanken"); `=word` is the word exactly as written, never
  stemmed (slurs, whose stems would collide with everyday words; once a file writes a
  word so, every entry of that file sees it only as `=word`); `@name` stands for
  the entry `words.name` of the file (lists of people, body parts, ...). A gap never
  crosses a clause break.
- A comma before a joining word ("if", "wenn", "hvis": the list `joiners`) is no break:
  "ich fliege raus, wenn ich das melde" is one thought.
- Negation: a match right after a negating word ("i would never hurt myself") does not
  count, unless the entry says `negation: false`. Negated forms that do count ("i don't
  want to live") are patterns of their own.
- Person: an entry with `person: self` does not count when the nearest pronoun before it
  in the clause is someone else's ("she wanted to die at home" is about her, not the
  writer).
- Idioms ("this project is killing me", "das bringt mich um", "dying to try") are entries
  too; the words they cover are blanked before the patterns run. So is speech quoted
  from a film, a song or a book.
- Talking about a topic is not living it: an entry with `mention: true` matches the bare
  name of a topic ("suicide", "häusliche Gewalt", "chikane") and does not count in a
  sentence that also has a word of the file's `about` list ("training", "Richtlinie",
  "artiklen", ...; a word counts when it contains one of them as written, so compounds
  like "Suizidprävention" and "selvmordsforebyggelse" do too). Entries that say what is
  happening to the writer ("i am being harassed") are not mentions and always count.

- Combos generalise where a row of slots is too narrow: `concepts` name lists of patterns
  (the same slots: `report_act: [complain, report, "speak ~1 up", hr]`), and a combo
  (`all: [report_act, job_loss, condition]`) fires when every concept it needs occurs in
  one sentence, in any order and with any words between ("one word to hr and i'm gone",
  "speaking up would cost me my job"). A concept found right after a negating word does
  not count unless the combo says `negation: false`; `none: [...]` names concepts that
  stop it ("work-life balance"); a sentence about a topic (the `about` list) never counts.

Every entry and combo carries one example it must match and one it must not; tests check
both. All
three languages are checked for every answer, since a person in distress may switch
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from .lexicon import LANGS
from .text import stem

TOPICS = ("self_harm", "crisis", "harassment", "discrimination", "violence")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[.!?;:,()\"]|\n")
_BREAK_MARKS = frozenset(".!?;:,()\n")
_SENTENCE_ENDS = frozenset(".!?\n")
_QUOTED = re.compile(r"\"[^\"\n]{1,200}\"")
_SLOT = re.compile(r"^(?:~(\d+)|(\$)|!(\S+)|[^\s~!]\S*)$")
_BLANK = "_"
_NEGATION_WINDOW = 2  # words before a match in which a negating word cancels it
_PERSON_WINDOW = 6  # words before a match searched for its subject


@dataclass(frozen=True, slots=True)
class Entry:
    """One way of saying a thing: a compiled pattern with its topic and checks."""

    lang: str
    id: str
    topic: str  # one of TOPICS, or "idiom"
    pattern: str
    regex: re.Pattern[str]
    first_exact: frozenset[str]  # a match starts at one of these stems ...
    first_prefixes: tuple[str, ...]  # ... or at a stem beginning with one of these
    negation: bool
    person_self: bool
    mention: bool  # the bare name of a topic: does not count in a sentence about it
    match: str
    not_match: str


@dataclass(frozen=True, slots=True)
class Combo:
    """Concepts that, found together in one sentence, mean a topic."""

    lang: str
    id: str
    topic: str
    needs: tuple[str, ...]  # every one of these concepts occurs in the sentence
    blocked_by: tuple[str, ...]  # ... and none of these
    negation: bool
    match: str
    not_match: str


@dataclass(frozen=True, slots=True)
class Hit:
    lang: str
    entry: str
    topic: str
    words: str  # the words matched, as stems


_PREFIX_KEY = 3  # prefixes are indexed by their first letters


@dataclass(frozen=True, slots=True)
class _Index:
    """Which entries may start at a word: by its stem, or by its first letters."""

    exact: dict[str, tuple[Entry, ...]]
    prefixed: dict[str, tuple[tuple[str, Entry], ...]]
    memo: dict[str, tuple[Entry, ...]]

    @classmethod
    def of(cls, entries: tuple[Entry, ...]) -> _Index:
        exact: dict[str, list[Entry]] = {}
        prefixed: dict[str, list[tuple[str, Entry]]] = {}
        for entry in entries:
            for s in entry.first_exact:
                exact.setdefault(s, []).append(entry)
            for p in entry.first_prefixes:
                prefixed.setdefault(p[:_PREFIX_KEY], []).append((p, entry))
        return cls({k: tuple(v) for k, v in exact.items()},
                   {k: tuple(v) for k, v in prefixed.items()}, {})

    def starting_at(self, word: str) -> tuple[Entry, ...]:
        got = self.memo.get(word)
        if got is None:
            out = list(self.exact.get(word, ()))
            for p, entry in self.prefixed.get(word[:_PREFIX_KEY], ()):
                if word.startswith(p) and entry not in out:
                    out.append(entry)
            got = tuple(out)
            if len(self.memo) > 50_000:
                self.memo.clear()
            self.memo[word] = got
        return got


@dataclass(frozen=True, slots=True)
class _Lang:
    lang: str
    entries: tuple[Entry, ...]
    idioms: tuple[Entry, ...]
    entry_index: _Index
    idiom_index: _Index
    negators: frozenset[str]
    others: frozenset[str]
    selves: frozenset[str]
    breaks: frozenset[str]
    joiners: frozenset[str]
    quote_cues: frozenset[str]
    about: tuple[str, ...]  # a sentence with a word containing one of these is about a topic
    concept_index: _Index  # the patterns of every concept (an Entry's id is its concept)
    combos: tuple[Combo, ...]
    stems: dict[str, str]  # word -> its stem, or "|" for a clause break (memoised)
    surface: frozenset[str]  # words matched as written ("=word"), not by their stem


def fold(word: str, lang: str) -> str:
    """A written prefix as the German stemmer spells it (no umlauts, no ß)."""
    word = word.lower()
    if lang == "de":
        word = (word.replace("ß", "ss").replace("ä", "a").replace("ö", "o")
                .replace("ü", "u"))
    return word


def _stem_all(words: list[str], lang: str) -> frozenset[str]:
    return frozenset(stem(str(w).lower(), lang) for w in words)


def _compile(pattern: str, lang: str, words: dict[str, list[str]], source: str,
             surface: set[str] | None = None
             ) -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    """The regex over the stem string for one pattern, and the stems and prefixes its
    first slot accepts (a match can only start at a word that is one of these).

    The stem string is " s1 s2 | s3 " (a space before and after every stem, "|" for a
    clause break, "|." for a sentence's end), so each slot matches a whole stem:
    "(?:a|b) ", a gap "(?:[^ |]+ ){0,n}".
    """
    parts: list[str] = []
    first_exact: frozenset[str] = frozenset()
    first_prefixes: tuple[str, ...] = ()
    first = True
    for token in pattern.split():
        m = _SLOT.match(token)
        if not m:
            raise ValueError(f"{source}: bad slot {token!r} in {pattern!r}")
        if m.group(1) is not None:
            if first:
                raise ValueError(f"{source}: a pattern cannot start with a gap: {pattern!r}")
            parts.append(f"(?:[^ |]+ ){{0,{int(m.group(1))}}}")
            continue
        if m.group(2) is not None or m.group(3) is not None:
            if first:
                raise ValueError(f"{source}: a pattern cannot start with $ or !: {pattern!r}")
            if m.group(2):
                parts.append(r"(?=\||$)")
            else:
                nots = [re.escape(stem(w.lower(), lang)) + " " for w in m.group(3).split("|")]
                parts.append("(?!" + "|".join(nots) + ")")
            continue
        alts = []
        for alt in token.split("|"):
            if alt.startswith("@"):
                if alt[1:] not in words:
                    raise ValueError(f"{source}: unknown word list {alt} in {pattern!r}")
                alts.extend(str(w) for w in words[alt[1:]])
            else:
                alts.append(alt)
        exact: set[str] = set()
        prefixes: set[str] = set()
        end = "$" in alts
        for alt in alts:
            if alt == "$":
                continue
            if alt.startswith("="):  # the word exactly as written, never stemmed
                exact.add(alt.lower())
                if surface is not None:
                    surface.add(alt[1:].lower())
            elif alt.endswith("*"):
                prefixes.add(fold(alt[:-1], lang))
            else:
                # A slot of several words ("the n-word") is not supported: use two slots.
                exact.add(stem(alt.lower(), lang))
        options = [re.escape(s) + " " for s in sorted(exact, key=len, reverse=True)]
        options += [re.escape(p) + "[^ |]* " for p in sorted(prefixes, key=len, reverse=True)]
        if end:
            if first:
                raise ValueError(f"{source}: a pattern cannot start with $: {pattern!r}")
            options.append(r"(?=\||$)")
        parts.append("(?:" + "|".join(options) + ")")
        if first:
            first_exact, first_prefixes = frozenset(exact), tuple(sorted(prefixes))
            first = False
    return re.compile(" " + "".join(parts)), first_exact, first_prefixes


def _entries(raw: list[dict[str, Any]], lang: str, words: dict[str, list[str]], source: str,
             idiom: bool, surface: set[str] | None = None) -> tuple[Entry, ...]:
    out = []
    seen: set[str] = set()
    for item in raw or []:
        eid = str(item["id"])
        if eid in seen:
            raise ValueError(f"{source}: entry id {eid!r} is used twice")
        seen.add(eid)
        topic = "idiom" if idiom else str(item["topic"])
        if topic not in TOPICS and topic != "idiom":
            raise ValueError(f"{source}: {eid}: unknown topic {topic!r}")
        if not item.get("match") or not item.get("not"):
            raise ValueError(f"{source}: {eid}: every entry needs a 'match' and a 'not' example")
        regex, exact, prefixes = _compile(str(item["pattern"]), lang, words,
                                          f"{source}: {eid}", surface)
        out.append(Entry(lang, eid, topic, str(item["pattern"]), regex, exact, prefixes,
                         bool(item.get("negation", True)), item.get("person") == "self",
                         bool(item.get("mention", False)), str(item["match"]),
                         str(item["not"])))
    return tuple(out)


def _concepts(raw: dict[str, Any], lang: str, words: dict[str, list[str]], source: str,
              surface: set[str]) -> tuple[Entry, ...]:
    out = []
    for name, patterns in (raw or {}).items():
        for pattern in patterns or []:
            regex, exact, prefixes = _compile(str(pattern), lang, words,
                                              f"{source}: concept {name}", surface)
            out.append(Entry(lang, str(name), "concept", str(pattern), regex, exact, prefixes,
                             True, False, False, "", ""))
    return tuple(out)


def _combos(raw: list[dict[str, Any]], lang: str, concepts: set[str], source: str,
            taken: set[str]) -> tuple[Combo, ...]:
    out = []
    for item in raw or []:
        cid = str(item["id"])
        if cid in taken:
            raise ValueError(f"{source}: entry id {cid!r} is used twice")
        taken.add(cid)
        topic = str(item["topic"])
        if topic not in TOPICS:
            raise ValueError(f"{source}: {cid}: unknown topic {topic!r}")
        if not item.get("match") or not item.get("not"):
            raise ValueError(f"{source}: {cid}: every entry needs a 'match' and a 'not' example")
        needs = tuple(str(c) for c in item.get("all") or [])
        blocked = tuple(str(c) for c in item.get("none") or [])
        if len(needs) < 2:
            raise ValueError(f"{source}: {cid}: a combo needs at least two concepts in 'all'")
        for c in needs + blocked:
            if c not in concepts:
                raise ValueError(f"{source}: {cid}: unknown concept {c!r}")
        out.append(Combo(lang, cid, topic, needs, blocked, bool(item.get("negation", True)),
                         str(item["match"]), str(item["not"])))
    return tuple(out)


def check_surface(raw: list[dict[str, Any]], words: dict[str, list[str]], source: str) -> None:
    """A word the file writes as `=word` anywhere is seen only so: a plain `word` in another
    entry would silently never match. Say so instead."""
    def alts(pattern: str) -> list[str]:
        out: list[str] = []
        for token in pattern.split():
            for alt in token.split("|"):
                if alt.startswith("@") and alt[1:] in words:
                    out.extend(str(w) for w in words[alt[1:]])
                else:
                    out.append(alt)
        return out

    surface = {a[1:].lower() for item in raw for a in alts(str(item["pattern"]))
               if a.startswith("=")}
    for item in raw:
        for a in alts(str(item["pattern"])):
            if a.lower() in surface:
                raise ValueError(f"{source}: {item['id']}: {a.lower()!r} is matched as written"
                                 f" elsewhere in the file; write '={a.lower()}'")


@cache
def language_data(lang: str) -> _Lang:
    """The compiled entries of one language's file."""
    source = f"data/safety/{lang}.yaml"
    path = resources.files("assistant.analysis").joinpath("data", "safety", f"{lang}.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = {str(k): list(v) for k, v in (raw.get("words") or {}).items()}
    concept_raw = raw.get("concepts") or {}
    as_items = [{"id": f"concept {k}", "pattern": str(p)} for k, v in concept_raw.items()
                for p in v or []]
    check_surface((raw.get("entries") or []) + (raw.get("idioms") or []) + as_items, words,
                  source)
    surface: set[str] = set()
    entries = _entries(raw.get("entries"), lang, words, source, idiom=False, surface=surface)
    idioms = _entries(raw.get("idioms"), lang, words, source, idiom=True, surface=surface)
    concepts = _concepts(concept_raw, lang, words, source, surface)
    combos = _combos(raw.get("combos"), lang, {str(k) for k in concept_raw}, source,
                     {e.id for e in entries + idioms})
    for entry in entries + idioms + concepts:
        if any(len(p) < _PREFIX_KEY for p in entry.first_prefixes):
            raise ValueError(f"{source}: {entry.id}: a prefix at the start of a pattern needs"
                             f" at least {_PREFIX_KEY} letters")
    return _Lang(
        lang=lang,
        entries=entries,
        idioms=idioms,
        entry_index=_Index.of(entries),
        idiom_index=_Index.of(idioms),
        negators=_stem_all(raw.get("negators") or [], lang),
        others=_stem_all(raw.get("others") or [], lang),
        selves=_stem_all(raw.get("selves") or [], lang),
        breaks=_stem_all(raw.get("breaks") or [], lang),
        joiners=frozenset(str(w).lower() for w in raw.get("joiners") or []),
        quote_cues=_stem_all(raw.get("quote_cues") or [], lang),
        about=tuple(sorted({fold(str(w), lang) for w in raw.get("about") or []})),
        concept_index=_Index.of(concepts),
        combos=combos,
        stems=_fresh_memo(surface),
        surface=frozenset(surface),
    )


def _fresh_memo(surface: set[str] | frozenset[str]) -> dict[str, str]:
    return ({mark: "|" for mark in _BREAK_MARKS} | {'"': _BLANK}
            | {w: "=" + w for w in surface})


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _unquote(text: str, data_by_lang: list[_Lang]) -> str:
    """`text` with quoted speech blanked where the sentence says it is a quote (a film's
    line, a song), so "in the film he says "i want to die"" is about the film."""
    if '"' not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 120): m.start()]
        cue_words = _words(before)
        for data in data_by_lang:
            stems = [stem(w, data.lang) for w in cue_words]
            if any(s.startswith(c) or s.endswith(c) for s in stems for c in data.quote_cues):
                return " " * len(m.group())
        return m.group()

    return _QUOTED.sub(blank, text)


def _stems(words: list[str], data: _Lang, kept: list[str] | None = None) -> list[str]:
    """The stem of each word, "|" for a clause break and "|." for the end of a sentence;
    `kept`, if given, receives the words themselves, one for each stem."""
    memo = data.stems
    if len(memo) > 50_000:
        memo.clear()
        memo.update(_fresh_memo(data.surface))
    out = []
    joiners = data.joiners
    for i, w in enumerate(words):
        if w == "," and i + 1 < len(words) and words[i + 1] in joiners:
            continue  # "..., wenn ich ...": a comma before "if" joins, it does not break
        s = memo.get(w)
        if s is None:
            s = stem(w, data.lang)
            s = memo[w] = "|" if s in data.breaks else s
        out.append("|." if w in _SENTENCE_ENDS else s)
        if kept is not None:
            kept.append(fold(w, data.lang))
    return out


def _matches(stems: list[str], index: _Index, only: Entry | None = None
             ) -> list[tuple[Entry, int, re.Match[str]]]:
    """Every (entry, first word, match) of the stems, trying each entry only at the
    words its first slot accepts. The stem string is " s1 s2 ... "."""
    starting_at = index.starting_at
    tries = [(i, entries) for i, word in enumerate(stems) if (entries := starting_at(word))]
    if not tries:
        return []
    line = " " + " ".join(stems) + " "
    # Word i starts after the space at: the lengths of the words before it, plus i spaces.
    offsets = list(accumulate(map(len, stems), initial=0))
    out = []
    for i, entries in tries:
        for entry in entries:
            if only is not None and entry is not only:
                continue
            m = entry.regex.match(line, offsets[i] + i)
            if m:
                out.append((entry, i, m))
    return out


def _hits_in(stems: list[str], words: list[str], data: _Lang,
             only: Entry | Combo | None = None) -> list[Hit]:
    """The hits in one language; `words` are the words the stems came from (folded)."""
    for _, start, m in _matches(stems, data.idiom_index):
        for i in range(start, start + m.group().count(" ") - 1):
            stems[i] = _BLANK
    hits = []
    if only is None or isinstance(only, Combo):
        hits = _combo_hits(stems, words, data, only)
        if isinstance(only, Combo):
            return hits
    done: set[str] = set()
    for entry, start, m in _matches(stems, data.entry_index, only):
        if entry.id in done:
            continue
        if entry.negation and _negated(stems, start, data):
            continue
        if entry.person_self and _someone_else(stems, start, data):
            continue
        if entry.mention and _about_a_topic(stems, words, start, data):
            continue
        done.add(entry.id)
        hits.append(Hit(data.lang, entry.id, entry.topic, m.group().strip()))
    return hits


def _combo_hits(stems: list[str], words: list[str], data: _Lang, only: Combo | None
                ) -> list[Hit]:
    """The combos whose concepts all occur in one sentence (and none that stop them)."""
    if not data.combos:
        return []
    found = _matches(stems, data.concept_index)
    if not found:
        return []
    sentence = list(accumulate((s == "|." for s in stems), initial=0))
    # sentence -> concept -> [found at all, found without a negating word before it]
    seen: dict[int, dict[str, list[bool]]] = {}
    first_word: dict[int, int] = {}
    for concept, start, _ in found:
        sid = sentence[start]
        first_word.setdefault(sid, start)
        cell = seen.setdefault(sid, {}).setdefault(concept.id, [False, False])
        cell[0] = True
        cell[1] = cell[1] or not _negated(stems, start, data)
    hits = []
    for combo in data.combos if only is None else (only,):
        for sid, present in seen.items():
            ok = 0 if not combo.negation else 1
            if all(c in present and present[c][ok] for c in combo.needs) and not any(
                    c in present for c in combo.blocked_by):
                if not _about_a_topic(stems, words, first_word[sid], data):
                    hits.append(Hit(data.lang, combo.id, combo.topic, " + ".join(combo.needs)))
                    break
    return hits


def _negated(stems: list[str], start: int, data: _Lang) -> bool:
    for s in reversed(stems[max(0, start - _NEGATION_WINDOW): start]):
        if s[:1] == "|":
            return False
        if s in data.negators:
            return True
    return False


def _about_a_topic(stems: list[str], words: list[str], start: int, data: _Lang) -> bool:
    """Does the sentence around word `start` have a word that shows it talks about a topic
    (a training, a policy, an article, a series) rather than tells what happens?"""
    first = start
    while first > 0 and stems[first - 1] != "|.":
        first -= 1
    last = start
    while last < len(stems) and stems[last] != "|.":
        last += 1
    return any(a in w for w in words[first:last] for a in data.about)


def _someone_else(stems: list[str], start: int, data: _Lang) -> bool:
    for s in reversed(stems[max(0, start - _PERSON_WINDOW): start]):
        if s[:1] == "|" or s in data.selves:
            return False
        if s in data.others:
            return True
    return False


def safety_hits(text: str, langs: tuple[str, ...] = LANGS) -> list[Hit]:
    """Every entry that matches `text` (at most one hit per entry), language by language."""
    datas = [language_data(lang) for lang in langs]
    words = _words(_unquote(text, datas))
    if not words:
        return []
    hits: list[Hit] = []
    for data in datas:
        kept: list[str] = []
        stems = _stems(words, data, kept)
        hits.extend(_hits_in(stems, kept, data))
    return hits


def safety_topics(text: str) -> list[str]:
    """The topics `text` suggests, in the fixed order of TOPICS."""
    found = {hit.topic for hit in safety_hits(text)}
    return [topic for topic in TOPICS if topic in found]


def entry_hits(entry: Entry | Combo, text: str) -> bool:
    """Does `entry` itself fire on `text` (idioms: does the idiom cover part of it)?"""
    data = language_data(entry.lang)
    kept: list[str] = []
    stems = _stems(_words(_unquote(text, [data])), data, kept)
    if isinstance(entry, Entry) and entry.topic == "idiom":
        return bool(_matches(stems, data.idiom_index, only=entry))
    return any(h.entry == entry.id for h in _hits_in(stems, kept, data, only=entry))
