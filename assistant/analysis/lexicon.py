"""Word lists per language, read once from `data/lexicon/<lang>.yaml` and compiled.

The lists are data the team writes and reviews, not code. Two kinds of entries:

- phrase lists (`hedges`, `absolutes`, feeling families, ...): plain words or phrases;
  a trailing `*` matches any word ending ("frustrat*"), spaces match any whitespace.
- pattern lists (`time`, `measure`, the reply cues under `replies`, ...): regular
  expressions over the lower-cased text. `{NUM}`, `{MONTH}`, `{DAY}`, `{UNIT}` and
  `{TIME_UNIT}` expand to the alternations of the lists with those names, `{IMP}` to the
  verbs of `replies.imperatives`, and `{STRENGTH}`, `{VIRTUE}`, `{PRAISE}`, `{ACHIEVE}`
  to the word families `replies.strengths` and `virtues` (each with its `_frames` list of
  generic words that praise only in a frame: "You're *a good* listener", "that took a lot
  of *effort*"), `praise` and `achievements`; `{TRAIT}` is `strengths` without the generic
  words, for cues that may match anywhere.

Every list compiles to a single regular expression guarded by word boundaries, so a
lookup scans the text once however long the list is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

try:  # the parser behind `re`, to read the first letters of a pattern
    from re._parser import parse as _sre_parse
except ImportError:  # Python < 3.11
    from sre_parse import parse as _sre_parse  # type: ignore[no-redef]

LANGS: tuple[str, ...] = ("en", "de", "da")

_PHRASE_KEYS = (
    "hedges", "vague", "absolutes", "positive", "negative", "strong_positive",
    "strong_negative", "negations", "intensifiers", "action_verbs", "first_person",
    "second_person", "cues", "stopwords",
)
_PATTERN_KEYS = ("time", "frequency", "measure", "number", "action_lead", "blame")
_REPLY_PHRASE_KEYS = (
    "fillers", "backchannel", "exclamations", "imperatives", "soften", "hesitations",
    "parentheticals", "strengths", "strength_frames", "virtues", "virtue_frames", "praise",
    "achievements", "v2_openers",
)
_REPLY_KEYS = (
    "fillers", "backchannel", "exclamations", "imperatives", "structure", "question_start",
    "invitation", "open_start", "closed_exception", "closed_start", "tag", "why", "leading",
    "advice_question", "advice", "advice_start", "affirmation", "judgement", "information",
    "information_weak", "reflection", "reflection_any", "complex", "complex_feel", "soften",
    "question_end", "affirmation_effort", "contrast", "hesitations", "parentheticals",
    "v2_openers", "second_side", "question_clause", "affirmation_trait", "wish", "choice",
    "noun_after", "reflection_mind", "comparison", "about_this", "feeling_frame",
)
_PLACEHOLDERS = ("NUM", "MONTH", "DAY", "UNIT", "TIME_UNIT", "IMP", "STRENGTH", "TRAIT",
                 "VIRTUE", "PRAISE", "ACHIEVE")
_NEVER = re.compile(r"(?!x)x")


def _phrase(entry: str) -> str:
    entry = entry.strip().lower()
    wild = entry.endswith("*")
    parts = [re.escape(p) for p in entry.rstrip("*").split()]
    body = r"\s+".join(parts).replace("'", "['’]")
    return body + (r"[\w'’-]*" if wild else "")


def phrase_alternation(entries: list[str]) -> str:
    # Longest first, so "kind of" wins over "kind" inside one alternation.
    return "|".join(sorted((_phrase(e) for e in entries if e.strip()), key=len, reverse=True))


_EDGE = r"[\w'’-]"


def compile_phrases(entries: list[str]) -> re.Pattern[str]:
    """One pattern for a phrase list: the longest entry wins at a position.

    Same matches as `(?<!EDGE)(?:alternation)(?!EDGE)`, but the alternatives are grouped
    by their first letter with the word-start check after it, so the regex engine can
    skip positions whose letter starts no entry and tries only one group elsewhere.
    """
    if not entries:
        return _NEVER
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for alt in sorted((_phrase(e) for e in entries if e.strip()), key=len, reverse=True):
        head = 2 if alt.startswith("\\") else 1
        if alt[:1] in "['’":
            rest.append(alt)
        else:
            groups.setdefault(alt[:head], []).append(alt[head:])
    parts = rest + [f"{head}(?<!{_EDGE}.)(?:{'|'.join(tails)})" for head, tails in groups.items()]
    if rest:  # entries that start with a quote (a character class): check before them
        parts = [f"(?<!{_EDGE})(?:{'|'.join(rest)})", *parts[len(rest):]]
    return re.compile(rf"(?:{'|'.join(parts)})(?!{_EDGE})")


def compile_trie(entries: list[str]) -> re.Pattern[str]:
    """A pattern that matches where some entry matches, written as a prefix tree.

    Faster than an alternation for long lists, but which entry wins at a position can
    differ, so use it only to ask *whether* a list matches (`search`), never for spans.
    """
    body = trie_alternation(entries)
    if body is None:
        return _NEVER
    return re.compile(rf"(?<!{_EDGE}){body}(?!{_EDGE})")


def trie_alternation(entries: list[str]) -> str | None:
    """The entries as one prefix-tree group (no word-boundary checks); None when empty."""
    trie: dict[str, Any] = {}
    for entry in entries:
        entry = entry.strip().lower()
        if not entry.rstrip("*"):
            continue
        node = trie
        for i, word in enumerate(entry.rstrip("*").split()):
            for atom in ([r"\s+"] if i else []) + [
                    "['’]" if ch == "'" else re.escape(ch) for ch in word]:
                node = node.setdefault(atom, {})
        node[""] = node.get("", False) or entry.endswith("*")

    def emit(node: dict[str, Any]) -> str:
        alts = [atom + emit(sub) for atom, sub in node.items() if atom]
        if "" in node:
            alts.append(r"[\w'’-]*" if node[""] else "")
        return alts[0] if len(alts) == 1 and "" not in node else f"(?:{'|'.join(alts)})"

    return emit(trie) if trie else None


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """(characters a parsed pattern can start with, whether it can match empty).

    None for the characters when any character could start it (".", a class like \\w).
    """
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width
        if name == "LITERAL":
            return chars | {chr(av)}, False
        if name == "IN":
            found: set[str] = set()
            for sub_op, sub_av in av:
                if str(sub_op) == "LITERAL":
                    found.add(chr(sub_av))
                elif str(sub_op) == "RANGE" and sub_av[1] - sub_av[0] < 64:
                    found.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                else:
                    return None, False
            return chars | found, False
        if name == "SUBPATTERN":
            first, empty = _first_chars(av[-1])
        elif name == "BRANCH":
            first, empty = set(), False
            for branch in av[1]:
                got, branch_empty = _first_chars(branch)
                if got is None:
                    return None, False
                first |= got
                empty = empty or branch_empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _dispatch(parts: list[str]) -> str:
    """The alternation of `parts`, grouped by the letter each part can start with.

    Python's regex engine tries every alternative at every position; with a one-letter
    lookahead before each group it tries only the parts that can start there. Parts whose
    first letter cannot be worked out are tried everywhere, as before.
    """
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for part in parts:
        try:
            first, empty = _first_chars(_sre_parse(part))
        except Exception:  # noqa: BLE001 - an unusual pattern is simply not grouped
            first, empty = None, True
        if first is None or empty or len(first) > 30:
            anywhere.append(part)
            continue
        for ch in first:
            by_char.setdefault(ch, []).append(part)
    groups = [f"(?={re.escape(ch)})(?:{'|'.join(ps)})" for ch, ps in sorted(by_char.items())]
    return "|".join(groups + anywhere)


def _guard_lookbehinds(part: str) -> str:
    """`part` with a one-character lookahead before its leading lookbehinds, if any.

    "(?<!before )(?<!when )you could ..." would try every lookbehind at every word start;
    "(?=y)(?<!before )..." tries them only where a "y" stands. Same matches.
    """
    if not part.startswith("(?:(?<"):
        return part
    try:
        first, empty = _first_chars(_sre_parse(part))
    except Exception:  # noqa: BLE001 - an unusual pattern is simply left as it is
        return part
    if first is None or empty or len(first) > 30:
        return part
    return f"(?=[{re.escape(''.join(sorted(first)))}]){part}"


def compile_patterns(entries: list[str], subs: dict[str, str],
                     dispatch: bool = False) -> re.Pattern[str]:
    """One pattern for a pattern list; `dispatch` groups it by first letter (`_dispatch`),
    which is faster but may change which entry wins at a position: only for lists that
    are asked *whether* they match, never for spans."""
    if not entries:
        return _NEVER
    parts = []
    for entry in entries:
        for name, alt in subs.items():
            entry = entry.replace("{" + name + "}", f"(?:{alt})")
        parts.append(_guard_lookbehinds(f"(?:{entry})"))
    # Grouping pays off only for long lists; for short ones the lookaheads cost more.
    body = _dispatch(parts) if dispatch and len(parts) >= 15 else "|".join(parts)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])")


@dataclass(slots=True)
class Lexicon:
    """The compiled word lists of one language."""

    lang: str
    raw: dict[str, Any]
    phrases: dict[str, re.Pattern[str]] = field(default_factory=dict)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    replies: dict[str, re.Pattern[str]] = field(default_factory=dict)
    feelings: re.Pattern[str] = _NEVER
    feeling_valence: dict[str, float] = field(default_factory=dict)
    cue_words: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    second_person: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    reasons: dict[str, str] = field(default_factory=dict)


class _WordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading where yes/no/on/off stay words: they are entries in our lists."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(name: str) -> dict[str, Any]:
    path = resources.files("assistant.analysis").joinpath("data", "lexicon", name)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader) or {}


@cache
def words(lang: str) -> dict[str, Any]:
    """The word lists of `lang` as written, not compiled. What looks across languages
    (language detection, listening noises) reads these, so that only the languages a
    person writes in get their patterns compiled (≈ 5 MB and 10 ms each)."""
    if lang not in LANGS:
        raise ValueError(f"no word lists for language {lang!r}; expected one of {LANGS}")
    return _read(f"{lang}.yaml")


@cache
def lexicon(lang: str) -> Lexicon:
    """The word lists of `lang` (en, de or da), compiled on first use and kept."""
    raw = words(lang)
    lex = Lexicon(lang=lang, raw=raw)
    subs = {
        "NUM": r"\d+(?:[.,]\d+)?|" + phrase_alternation(raw.get("number_words", [])),
        "MONTH": phrase_alternation(raw.get("months", [])),
        "DAY": phrase_alternation(raw.get("weekdays", [])),
        "UNIT": phrase_alternation(raw.get("units", [])),
        "TIME_UNIT": phrase_alternation(raw.get("time_units", [])),
        # The verbs that start an instruction, for "I'd ask her ..." / "Sie könnten ...".
        "IMP": phrase_alternation(raw.get("replies", {}).get("imperatives", [])) or "(?!x)x",
        # Word families of the affirmation cues: traits ("generous"), virtues ("courage"),
        # praise words ("impressive") and achievements ("kept going", "geschafft").
        # A prefix tree, not an alternation: these lists are long and sit inside
        # patterns tried at every "you".
        **{name: trie_alternation(
            [w for key in keys for w in raw.get("replies", {}).get(key, [])]) or "(?!x)x"
           for name, keys in (("STRENGTH", ("strengths", "strength_frames")),
                              ("VIRTUE", ("virtues", "virtue_frames")),
                              ("TRAIT", ("strengths",)),
                              ("PRAISE", ("praise",)), ("ACHIEVE", ("achievements",)))},
    }
    for key in _PHRASE_KEYS:
        lex.phrases[key] = compile_phrases(raw.get(key, []))
    for key in _PATTERN_KEYS:
        lex.patterns[key] = compile_patterns(raw.get(key, []), subs)
    reply_raw = raw.get("replies", {})
    for key in _REPLY_KEYS:
        lex.replies[key] = _NEVER
    for key, entries in reply_raw.items():
        if key in _REPLY_PHRASE_KEYS:
            lex.replies[key] = compile_phrases(entries)
        else:
            # Reply cues are only asked whether they match (search, match), never for spans.
            lex.replies[key] = compile_patterns(entries, subs, dispatch=True)
    families = raw.get("feelings", {})
    groups = [
        f"(?P<{name}>{phrase_alternation(spec['words'])})" for name, spec in families.items()
    ]
    if groups:
        lex.feelings = re.compile(rf"(?<![\w'’-])(?:{'|'.join(groups)})(?![\w'’-])")
    lex.feeling_valence = {name: float(spec.get("valence", 0)) for name, spec in families.items()}
    lex.cue_words = frozenset(w.lower() for w in raw.get("cues", []))
    lex.stopwords = frozenset(w.lower() for w in raw.get("stopwords", [])) | lex.cue_words
    lex.first_person = frozenset(raw.get("first_person", []))
    lex.second_person = frozenset(raw.get("second_person", []))
    lex.abbreviations = frozenset(a.lower().rstrip(".") for a in raw.get("abbreviations", []))
    lex.reasons = _read("reasons.yaml").get(lang, {})
    return lex
