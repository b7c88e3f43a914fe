"""Features of a mentor's reply, for the trained reply coder (`replies.py`, `train.py`).

A reply becomes a set of named, binary features. Three kinds:

- **cues** (`data/cues.yaml`): one row per cue, with its key, language, a word pattern,
  an example it must match and one it must not (tests check every row). A key fires
  as `cue:KEY` when any of its rows matches a sentence of the reply. Patterns are
  words, not regular expressions: items separated by spaces, each item one token with
  alternatives split by `|` (`should|could`), a trailing `*` for any ending (`frustrat*`),
  `_` for any one word, `..` for a gap of up to six tokens, `+` to join the words of
  one alternative (`see+you|bye`); `^` first marks a pattern
  that must start the sentence (after fillers such as "so", "um", "also", "øh"), `$`
  last one that must end it (punctuation aside). Punctuation marks are tokens too
  (`, right ?`).
- **general features**, the functions in `GENERAL` below: the question mark, the first
  and last words, length, how much of the reply repeats the mentee's own words, a
  second-person pronoun beside a feeling word, and so on. Each is a small named
  function with tests (tests/test_reply_features.py).
- **words**: `w:WORD` for every word of the reply and `first:WORD` / `first2:W W` for
  how its first sentence starts; the training command keeps only the words seen often
  enough to carry weight.

Nothing here imports nltk: the shipped model is applied by a small scorer
(`replies.py`), and the features must be exactly those it was trained on. `SIGNATURE`
is hashed into the model, so a test fails when the features change and the shipped
model was not retrained.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .lexicon import LANGS
from .lexicon import words as lexicon_words
from .text import collapse_repeats

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[?!.,;:]|—|–|…|\.\.\.")
_SENT_END = re.compile(r"(?<=[.?!…])\s+(?=\S)|\n+")
_CUT_OFF = ("—", "–", "-", "…", "...")
_GAP = 6


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens ("you're" stays one word)."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


def is_word(token: str) -> bool:
    return token[:1].isalnum()


def split_sentences(text: str) -> list[str]:
    """Sentences by their end marks (the coder needs no abbreviation-aware Punkt)."""
    return [s for s in _SENT_END.split(text.strip()) if s.strip()]


def light_stem(word: str) -> str:
    """A crude stem for overlap: the first four letters ("worried"/"worry", "answer"/
    "answered", "Beförderung"/"befördert" agree). Cheap, the same in every language, and
    no nltk (the Snowball stemmers would import it)."""
    return word.lower().replace("'", "")[:4]


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of `data/cues.yaml`."""

    key: str
    lang: str
    pattern: str
    match: str
    no_match: str
    start: bool = False
    end: bool = False
    items: tuple[tuple[tuple[str, ...], ...], ...] = ()


Items = tuple[tuple[tuple[str, ...], ...], ...]  # item -> alternatives -> words ("see+you")


def parse_pattern(pattern: str) -> tuple[bool, bool, Items]:
    parts = pattern.lower().replace("’", "'").split()
    start = bool(parts) and parts[0] == "^"
    end = bool(parts) and parts[-1] == "$"
    parts = parts[1 if start else 0: len(parts) - (1 if end else 0)]
    if not parts or parts[0] == ".." or parts[-1] == "..":
        raise ValueError(f"cue pattern {pattern!r}: needs a word first and last")
    items = tuple(tuple(tuple(alt.split("+")) for alt in part.split("|") if alt)
                  for part in parts)
    for alts in items:
        for alt in alts:
            for word in alt:
                if word.endswith("*") and len(word) < 4:
                    raise ValueError(f"cue pattern {pattern!r}: '{word}' is too short to end "
                                     "in *")
    return start, end, items


# An item compiled for matching: exact words, word starts ("frustrat*"), whether any word
# will do ("_"), alternatives of several words ("see+you"), and whether it is the gap "..".
Compiled = tuple[frozenset[str], tuple[str, ...], bool, dict[str, tuple[tuple[str, ...], ...]],
                 tuple[tuple[str, ...], ...], bool]


def _token_matches(word: str, token: str) -> bool:
    if word == "_":
        return is_word(token)
    if word.endswith("*"):
        return token.startswith(word[:-1])
    return token == word


def compile_items(items: Items) -> tuple[Compiled, ...]:
    out = []
    for alts in items:
        singles = [a[0] for a in alts if len(a) == 1]
        by_first: dict[str, list[tuple[str, ...]]] = {}
        other = []
        for a in alts:
            if len(a) > 1:
                if a[0] == "_" or a[0].endswith("*"):
                    other.append(a)
                else:
                    by_first.setdefault(a[0], []).append(a[1:])
        out.append((frozenset(w for w in singles if w not in ("_", "..") and not w.endswith("*")),
                    tuple(w[:-1] for w in singles if w.endswith("*") and w != "*"),
                    "_" in singles, {k: tuple(v) for k, v in by_first.items()}, tuple(other),
                    singles == [".."]))
    return tuple(out)


def _match_at(items: tuple[Compiled, ...], toks: list[str], i: int, end: bool) -> bool:
    if not items:
        return not end or not any(is_word(toks[j]) for j in range(i, len(toks)))
    exact, starts, any_word, by_first, other, gap = items[0]
    rest = items[1:]
    if gap:
        return any(_match_at(rest, toks, j, end) for j in range(i, min(len(toks), i + _GAP) + 1))
    n = len(toks)
    if i >= n:
        return False
    tok = toks[i]
    if (tok in exact or (starts and tok.startswith(starts)) or (any_word and is_word(tok))) \
            and _match_at(rest, toks, i + 1, end):
        return True
    for tail in by_first.get(tok, ()):  # "see+you": "see" matched, the rest follows
        k = len(tail)
        if i + 1 + k <= n and all(_token_matches(w, toks[i + 1 + j]) for j, w in enumerate(tail)) \
                and _match_at(rest, toks, i + 1 + k, end):
            return True
    for parts in other:
        k = len(parts)
        if i + k <= n and all(_token_matches(w, toks[i + j]) for j, w in enumerate(parts)) \
                and _match_at(rest, toks, i + k, end):
            return True
    return False


_GAP_ITEM = (("..",),)


class _Table:
    """Cues by the first word they can match (prefixes by their first three letters)."""

    def __init__(self) -> None:
        self.by_token: dict[str, list[Cue]] = {}
        self.by_prefix: dict[str, list[tuple[str, Cue]]] = {}
        self.anywhere: list[Cue] = []
        self.after_any: dict[str, list[Cue]] = {}  # "_ , but": looked up by the comma

    def add(self, cue: Cue) -> None:
        head, table = cue.items[0], self.by_token
        if head == (("_",),) and len(cue.items) > 1 and cue.items[1] != _GAP_ITEM:
            head, table = cue.items[1], self.after_any
        for word in {a[0] for a in head}:
            if word == "_":
                self.anywhere.append(cue)
            elif word.endswith("*"):
                self.by_prefix.setdefault(word[:3], []).append((word[:-1], cue))
            else:
                table.setdefault(word, []).append(cue)

    def at(self, toks: list[str], i: int) -> list[tuple[int, Cue]]:
        """(position to match from, cue) for the cues that may match at token `i`."""
        tok = toks[i]
        out = [(i, c) for c in self.by_token.get(tok, ())]
        if self.by_prefix:
            out += [(i, c) for p, c in self.by_prefix.get(tok[:3], ()) if tok.startswith(p)]
        out += [(i, c) for c in self.anywhere]
        if i and self.after_any:
            out += [(i - 1, c) for c in self.after_any.get(tok, ())]
        return out


class CueIndex:
    """The cues of one language, indexed by their first item for a single pass: the cues
    that must start a sentence are tried only there, the others at every token."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues = list(cues)
        self.fillers: frozenset[str] = frozenset()
        self.compiled: dict[int, tuple[Compiled, ...]] = {
            id(c): compile_items(c.items) for c in self.cues}
        self.all_keys = tuple(sorted({c.key for c in self.cues} - {"filler"}))
        self.starting, self.free = _Table(), _Table()
        for cue in self.cues:
            if cue.key == "filler":
                self.fillers |= {a[0] for alts in cue.items for a in alts}
            else:
                (self.starting if cue.start else self.free).add(cue)

    def start(self, toks: list[str], i: int = 0) -> int:
        """Index of the first token from `i` on after fillers and punctuation ("So, um,
        what ..."); `i` itself when there is none."""
        first = i
        while i < len(toks) and (toks[i] in self.fillers or not is_word(toks[i])):
            i += 1
        return i if i < len(toks) else first

    def keys(self, toks: list[str], only_at: int | None = None) -> set[str]:
        """The cue keys that match this sentence's tokens (`only_at`: only the cues that
        start the sentence, tried at that token)."""
        found: set[str] = set()
        if not toks:
            return found
        begin = self.start(toks) if only_at is None else only_at
        tries = self.starting.at(toks, begin)
        if begin + 1 < len(toks):
            tries += [t for t in self.starting.at(toks, begin + 1) if t[0] == begin]
        if only_at is None:
            for i in range(len(toks)):
                tries += self.free.at(toks, i)
        for at, cue in tries:
            if (cue.key not in found and (not cue.start or at == begin)
                    and _match_at(self.compiled[id(cue)], toks, at, cue.end)):
                found.add(cue.key)
        return found


def _data_path(*parts: str) -> Any:
    return resources.files("assistant.analysis").joinpath("data", *parts)


@cache
def cue_table() -> dict[str, Any]:
    """`data/cues.yaml` as written: `cues` (the rows) and `describe` (plain words per key)."""
    return yaml.safe_load(_data_path("cues.yaml").read_text(encoding="utf-8"))


def all_cues() -> list[Cue]:
    out = []
    for row in cue_table()["cues"]:
        start, end, items = parse_pattern(row["pattern"])
        out.append(Cue(row["key"], row["lang"], row["pattern"], row["match"],
                       row["no_match"], start, end, items))
    return out


@cache
def cue_index(lang: str) -> CueIndex:
    return CueIndex(c for c in all_cues() if c.lang == lang)


@dataclass(frozen=True, slots=True)
class Words:
    """Word sets of one language for the general features (from the analysis word lists)."""

    second_person: frozenset[str]
    first_person: frozenset[str]
    feelings: frozenset[str]
    feeling_prefixes: tuple[str, ...]
    stopwords: frozenset[str]
    positive: frozenset[str] = frozenset()
    negative: frozenset[str] = frozenset()


@cache
def word_sets(lang: str) -> Words:
    raw = lexicon_words(lang)
    feel: set[str] = set()
    prefixes: list[str] = []
    for spec in raw.get("feelings", {}).values():
        for entry in spec["words"]:
            entry = entry.lower()
            if " " in entry:
                continue
            if entry.endswith("*"):
                prefixes.append(entry[:-1])
            else:
                feel.add(entry)
    stop = {w.lower() for w in raw.get("stopwords", []) + raw.get("cues", [])}
    tone: dict[str, set[str]] = {"positive": set(), "negative": set()}
    for sign in tone:
        tone[sign] = {w.lower().rstrip("*") for w in raw.get(sign, []) if " " not in w}
    for spec in raw.get("feelings", {}).values():
        sign = "positive" if spec.get("valence", 0) > 0 else "negative"
        tone[sign] |= {w.lower().rstrip("*") for w in spec["words"] if " " not in w}
    return Words(frozenset(raw.get("second_person", [])), frozenset(raw.get("first_person", [])),
                 frozenset(feel), tuple(prefixes), frozenset(stop),
                 frozenset(tone["positive"]), frozenset(tone["negative"]))


def is_feeling(words: Words, token: str) -> bool:
    return token in words.feelings or token.startswith(words.feeling_prefixes)


# --------------------------------------------------------------------------- a reply


@dataclass(slots=True)
class Reply:
    """A reply read once: its sentences' tokens and the mentee's words before it."""

    lang: str
    text: str
    sentences: list[list[str]]
    said: list[str]
    cues: CueIndex
    words: Words
    all_tokens: list[str] = field(default_factory=list)
    _keys: list[set[str]] | None = None
    _words: list[str] | None = None
    _content: list[str] | None = None
    _said: set[str] | None = None

    def sentence_keys(self) -> list[set[str]]:
        """The cue keys of each sentence (matched once, shared by the features)."""
        if self._keys is None:
            self._keys = [self.cues.keys(s) for s in self.sentences]
        return self._keys

    @classmethod
    def read(cls, text: str, previous: str | None, lang: str,
             sentences: list[str] | None = None) -> Reply:
        if lang not in LANGS:
            lang = "en"
        sents = [tokens(collapse_repeats(s.lower())) for s in (sentences or split_sentences(text))]
        sents = [s for s in sents if s]
        flat = [t for s in sents for t in s]
        return cls(lang, text, sents, tokens(previous or ""), cue_index(lang), word_sets(lang),
                   flat)

    def word_tokens(self) -> list[str]:
        if self._words is None:
            self._words = [t for t in self.all_tokens if is_word(t)]
        return self._words

    def content(self) -> list[str]:
        if self._content is None:
            self._content = [t for t in self.word_tokens()
                             if len(t) > 2 and t not in self.words.stopwords
                             and t not in self.words.second_person]
        return self._content

    def said_stems(self) -> set[str]:
        if self._said is None:
            self._said = {light_stem(t) for t in self.said if is_word(t)}
        return self._said


def _bucket(n: float, edges: tuple[float, ...], names: tuple[str, ...]) -> str:
    for edge, name in zip(edges, names, strict=False):
        if n <= edge:
            return name
    return names[-1]


# Each general feature: a function of the reply to the features it sets (name -> True).

def question_mark(r: Reply) -> dict[str, bool]:
    """Whether the reply ends with "?" (a question, or a reflection said with a rising
    voice); the absence is a feature too, as the model weighs only the features a reply has."""
    if r.all_tokens and r.all_tokens[-1] == "?":
        return {"ends_question_mark": True}
    if "?" in r.all_tokens:
        return {"question_mark_inside": True, "no_question_mark_at_end": True}
    return {"no_question_mark_at_end": True}


def question_count(r: Reply) -> dict[str, bool]:
    """Two or more sentences end with "?" (stacked questions)."""
    n = sum(1 for s in r.sentences if s[-1] == "?")
    return {"several_questions": True} if n >= 2 else {}


def length(r: Reply) -> dict[str, bool]:
    """How many words: one, two or three, up to seven, up to fifteen, more."""
    n = len(r.word_tokens())
    return {"words:" + _bucket(n, (1, 3, 7, 15), ("1", "2-3", "4-7", "8-15", "16+")): True}


def sentence_count(r: Reply) -> dict[str, bool]:
    """More than one sentence."""
    return {"several_sentences": True} if len(r.sentences) > 1 else {}


def overlap(r: Reply) -> dict[str, bool]:
    """Share of the reply's content words the mentee used just before (light stems)."""
    mine = {light_stem(t) for t in r.content()}
    if not mine or not r.said:
        return {}
    share = len(mine & r.said_stems()) / len(mine)
    return {"overlap:" + _bucket(share, (0.0, 0.34, 0.67), ("none", "low", "mid", "high")): True}


def new_words(r: Reply) -> dict[str, bool]:
    """How many content words the mentee did not use: none, one or two, three or more."""
    if not r.said:
        return {}
    said = r.said_stems()
    new = {light_stem(t) for t in r.content()} - said
    return {"new:" + _bucket(len(new), (0, 2), ("0", "1-2", "3+")): True}


def echo_start(r: Reply) -> dict[str, bool]:
    """The first three content words of the reply are all the mentee's own."""
    start = [light_stem(t) for t in r.content()[:3]]
    return {"echo_start": True} if start and r.said and set(start) <= r.said_stems() else {}


def you_and_feeling(r: Reply) -> dict[str, bool]:
    """A second-person pronoun and a feeling word in one sentence ("you're worried")."""
    out: dict[str, bool] = {}
    said = set(r.said)
    for sent in r.sentences:
        feelings = [t for t in sent if is_feeling(r.words, t)]
        if feelings:
            out["feeling_word"] = True
            if any(t in r.words.second_person for t in sent):
                out["you_feeling"] = True
            if any(light_stem(f) not in {light_stem(s) for s in said} for f in feelings):
                out["feeling_not_said"] = True
    return out


def person(r: Reply) -> dict[str, bool]:
    """Who the first sentence starts with: "you" (second person) or "I" (first person);
    else whether the reply speaks of the mentee at all."""
    if not r.sentences:
        return {}
    s = r.sentences[0]
    first = s[r.cues.start(s)]
    if first in r.words.second_person:
        return {"starts_you": True}
    if first in r.words.first_person:
        return {"starts_i": True}
    if any(t in r.words.second_person for t in r.all_tokens):
        return {"mentions_you": True}
    return {"no_you": True}


def cut_off(r: Reply) -> dict[str, bool]:
    """The reply breaks off ("So you—", "And, um...")."""
    return {"cut_off": True} if r.text.rstrip().endswith(_CUT_OFF) else {}


def cues(r: Reply) -> dict[str, bool]:
    """`cue:KEY` for every cue key that matches a sentence; `cue1:KEY` in the first one and
    `cueN:KEY` in the last one of several ("Here is your plan. Is it what you want?")."""
    out: dict[str, bool] = {}
    last = len(r.sentences) - 1
    for i, keys in enumerate(r.sentence_keys()):
        for key in keys:
            out["cue:" + key] = True
            if last and i == 0:
                out["cue1:" + key] = True
            if last and i == last:
                out["cueN:" + key] = True
    return out


def clause_question(r: Reply) -> dict[str, bool]:
    """A question that starts after a comma ("If you could keep one thing, what would it
    be?"): `clause:KEY` for the question cues that open a later clause."""
    out: dict[str, bool] = {}
    for sent in r.sentences:
        for a, tok in enumerate(sent):
            if tok == "," and a + 1 < len(sent):
                at = r.cues.start(sent, a + 1)
                for key in r.cues.keys(sent, only_at=at) & set(_ASKING):
                    out["clause:" + key] = True
    return out


def absent_cues(r: Reply) -> dict[str, bool]:
    """`not:KEY` for each cue key that matches no sentence (the absence weighs too)."""
    found: set[str] = set().union(*r.sentence_keys())
    return {"not:" + key: True for key in r.cues.all_keys if key not in found}


def opening(r: Reply) -> dict[str, bool]:
    """How the first sentence starts (after fillers): its first word and first two words."""
    if not r.sentences:
        return {}
    s = r.sentences[0]
    i = r.cues.start(s)
    words = [t for t in s[i:i + 3] if is_word(t)][:2]
    out = {"first:" + words[0]: True} if words else {}
    if len(words) == 2:
        out["first2:" + " ".join(words)] = True
    return out


def last_word(r: Reply) -> dict[str, bool]:
    """The reply's last word (tags like "right", "oder", "ikke" sit there)."""
    words = r.word_tokens()
    return {"last:" + words[-1]: True} if words else {}


def bag_of_words(r: Reply) -> dict[str, bool]:
    """`w:WORD` for each word of the reply, `b:WORD WORD` for each pair of neighbours."""
    words = r.word_tokens()
    out = {"w:" + t: True for t in words}
    out.update(("b:" + a + " " + b, True) for a, b in zip(words, words[1:], strict=False))
    return out


_ASKING = ("wh_start", "aux_start", "invitation", "why_dont", "when_which", "tag")


def rising_statement(r: Reply) -> dict[str, bool]:
    """The last sentence ends with "?" but is worded as a statement ("You're worried about
    the review?"): MITI codes that a reflection said with a rising voice."""
    if not r.sentences or r.sentences[-1][-1] != "?":
        return {}
    return {} if set(_ASKING) & r.sentence_keys()[-1] else {"rising_statement": True}


def tone(r: Reply) -> dict[str, bool]:
    """Whether the reply's words lean positive ("great", "proud"), negative ("stuck",
    "afraid") or both, by the analysis word lists (whole words)."""
    pos = neg = False
    for t in r.word_tokens():
        if t in r.words.positive:
            pos = True
        elif t in r.words.negative or is_feeling(r.words, t):
            neg = True
    if pos and neg:
        return {"tone:mixed": True}
    return {"tone:positive": True} if pos else {"tone:negative": True} if neg else {}


_NUMBER = re.compile(r"\d")


def numbers(r: Reply) -> dict[str, bool]:
    """The reply has a figure in digits ("20 percent", "9 months")."""
    return {"has_number": True} if _NUMBER.search(r.text) else {}


def question_clauses(r: Reply) -> dict[str, bool]:
    """`qc:WORD` for the first word of every clause of a sentence that ends with "?"
    ("If you had ten minutes, what would you use them for?" gives `qc:if`, `qc:what`):
    where the question word sits when the question does not start with it."""
    out: dict[str, bool] = {}
    for sent in r.sentences:
        if sent[-1] != "?":
            continue
        at = 0
        while at < len(sent):
            i = r.cues.start(sent, at)
            if is_word(sent[i]):
                out["qc:" + sent[i]] = True
            try:
                at = sent.index(",", i) + 1
            except ValueError:
                break
    return out


def _tone_of(words: Words, toks: Iterable[str]) -> str:
    pos = neg = False
    for t in toks:
        if t in words.positive:
            pos = True
        elif t in words.negative or is_feeling(words, t):
            neg = True
    return "mixed" if pos and neg else "positive" if pos else "negative" if neg else ""


def tone_and_person(r: Reply) -> dict[str, bool]:
    """The tone of the reply's words with the mentee as its subject ("you" and a positive
    word leans to an affirmation, "you" and a painful one to a reflection), and the tone
    of what the mentee said just before (a success story invites affirmations)."""
    out: dict[str, bool] = {}
    mine = _tone_of(r.words, r.word_tokens())
    if mine and any(t in r.words.second_person for t in r.all_tokens):
        out["you_tone:" + mine] = True
    said = _tone_of(r.words, r.said)
    if said:
        out["said_tone:" + said] = True
        if mine:
            out["said_tone:" + said + "+" + mine] = True
    return out


GENERAL: tuple[Callable[[Reply], dict[str, bool]], ...] = (
    question_mark, question_count, length, sentence_count, overlap, new_words, echo_start,
    you_and_feeling, person, cut_off, cues, opening, last_word, bag_of_words, rising_statement,
    numbers, tone, absent_cues, clause_question, question_clauses, tone_and_person,
)


def featurize(text: str, previous: str | None, lang: str,
              sentences: list[str] | None = None) -> dict[str, bool]:
    """Every feature of one reply (`previous`: what the mentee said just before)."""
    r = Reply.read(text, previous, lang, sentences)
    out: dict[str, bool] = {}
    for fn in GENERAL:
        out.update(fn(r))
    return out


def signature() -> str:
    """Hash of what the features are: this module's source, the cue table and the word
    lists the general features read (pronouns, feelings, stopwords, tone)."""
    h = hashlib.sha256()
    h.update(Path(__file__).read_bytes())
    h.update(_data_path("cues.yaml").read_bytes())
    for lang in LANGS:
        h.update(_data_path("lexicon", f"{lang}.yaml").read_bytes())
    return h.hexdigest()
