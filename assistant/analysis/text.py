"""Cleaning, tokens, sentences and stems: the only module that touches nltk directly.

nltk is imported inside `_tools()`, on first use, so importing the analysis package stays
cheap. Only data-free parts are used: `RegexpTokenizer`, Punkt with parameters we build
from our own abbreviation lists (no trained pickle), and the Snowball stemmers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from ..core.facts import WORD_RE
from .lexicon import LANGS, lexicon

_SNOWBALL = {"en": "english", "de": "german", "da": "danish"}
_CONTROL = {c: " " for c in range(32) if chr(c) not in "\n\t"} | {127: " "}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "»": '"', "«": '"'})
_SPACES = re.compile(r"[ \t\u00a0]+")
TOKEN_PATTERN = WORD_RE.pattern + r"|[^\w\s]"


def clean(text: str) -> str:
    """Text with control and format characters neutralised and quotes made plain."""
    text = (text or "").translate(_CONTROL).translate(_QUOTES)
    if not text.isascii():
        text = "".join(
            " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\n\t" else ch
            for ch in text
        )
    return _SPACES.sub(" ", text).strip()


@cache
def _tools() -> dict[str, Any]:
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import RegexpTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    punkt = {}
    for lang in LANGS:
        params = PunktParameters()
        params.abbrev_types = set(lexicon(lang).abbreviations)
        punkt[lang] = PunktSentenceTokenizer(params)
    return {
        "tokenizer": RegexpTokenizer(TOKEN_PATTERN),
        "punkt": punkt,
        "stemmers": {lang: SnowballStemmer(name) for lang, name in _SNOWBALL.items()},
    }


def tokenize(text: str) -> list[str]:
    return _tools()["tokenizer"].tokenize(text)


def sentences(text: str, lang: str = "en") -> list[str]:
    """Sentences of `text`; a line break always ends a sentence."""
    punkt = _tools()["punkt"].get(lang) or _tools()["punkt"]["en"]
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            out.extend(s for s in punkt.tokenize(line) if s.strip())
    return out


_STEMS: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}


def stem(word: str, lang: str = "en") -> str:
    """Snowball stem of a lower-cased word, memoised (stemming is the costly step)."""
    memo = _STEMS.get(lang) or _STEMS["en"]
    got = memo.get(word)
    if got is None:
        if len(memo) > 50_000:
            memo.clear()
        got = _tools()["stemmers"].get(lang, _tools()["stemmers"]["en"]).stem(word)
        memo[word] = got
    return got
