"""Word lists per language, read once from `data/lexicon/<lang>.yaml` and compiled.

The lists are data the team writes and reviews, not code. Two kinds of entries:

- phrase lists (`hedges`, `absolutes`, feeling families, ...): plain words or phrases;
  a trailing `*` matches any word ending ("frustrat*"), spaces match any whitespace.
- pattern lists (`time`, `measure`, ...): regular expressions over the lower-cased
  text. `{NUM}`, `{MONTH}`, `{DAY}`, `{UNIT}` and `{TIME_UNIT}` expand to the
  alternations of the lists with those names.

The reply coder reads none of these patterns: its cues are word patterns in
`data/cues.yaml`, weighed by a trained model (`replies.py`).

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

from ..core import LANGS

_PHRASE_KEYS = (
    "hedges", "vague", "absolutes", "positive", "negative", "strong_positive",
    "strong_negative", "negations", "intensifiers", "action_verbs", "first_person",
    "second_person", "cues", "stopwords",
)
_PATTERN_KEYS = ("time", "frequency", "measure", "number", "action_lead", "blame")
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


def compile_patterns(entries: list[str], subs: dict[str, str]) -> re.Pattern[str]:
    """One pattern for a pattern list, each entry with its placeholders expanded."""
    if not entries:
        return _NEVER
    parts = []
    for entry in entries:
        for name, alt in subs.items():
            entry = entry.replace("{" + name + "}", f"(?:{alt})")
        parts.append(f"(?:{entry})")
    return re.compile(rf"(?<![\w'’])(?:{'|'.join(parts)})(?![\w'’])")


@dataclass(slots=True)
class Lexicon:
    """The compiled word lists of one language."""

    lang: str
    raw: dict[str, Any]
    phrases: dict[str, re.Pattern[str]] = field(default_factory=dict)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    feelings: re.Pattern[str] = _NEVER
    feeling_valence: dict[str, float] = field(default_factory=dict)
    cue_words: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    second_person: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()


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
    (language detection, the reply coder's word sets) reads these, so that only the
    languages a person writes in get their patterns compiled."""
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
    }
    for key in _PHRASE_KEYS:
        lex.phrases[key] = compile_phrases(raw.get(key, []))
    for key in _PATTERN_KEYS:
        lex.patterns[key] = compile_patterns(raw.get(key, []), subs)
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
    return lex
