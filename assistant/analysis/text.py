"""Cleaning, tokens, sentences and stems: the only module that touches nltk directly.

nltk is imported inside `_tools()`, on first use, so importing the analysis package stays
cheap. Only data-free parts are used: `RegexpTokenizer`, Punkt with parameters we build
from our own abbreviation lists (no trained pickle), and the Snowball stemmers.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import cache
from typing import Any

from ..core.facts import WORD_RE
from .lexicon import LANGS, words

_SNOWBALL = {"en": "english", "de": "german", "da": "danish"}
_CONTROL = {c: " " for c in range(32) if chr(c) not in "\n\t"} | {127: " "}
_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "»": '"', "«": '"'}
_MAP = {chr(c): " " for c in _CONTROL} | _QUOTES
_TO_MAP = re.compile("[" + re.escape("".join(_MAP)) + "]")
_SPACES = re.compile(r"[ \t\u00a0]+")
TOKEN_PATTERN = WORD_RE.pattern + r"|[^\w\s]"
# A candidate break Punkt always takes with our parameters: a word of two or more letters
# (group 1), then "?" or "!" or "." (group 2), a space and a word starting with a letter;
# for "." the word must not be an abbreviation.
_PLAIN_BREAK = re.compile(r"([^\W\d_]{2,})([.?!])\s+[^\W\d_]")
_LAST_SPACE = re.compile(r"[ \t\n\r\x0b\x0c][^ \t\n\r\x0b\x0c]*\Z")
# A false start said twice: one to three words, then the same words again ("what, what
# would", "is it, is it", "I'd, I'd suggest").
_REPEAT = re.compile(r"(?<![\w'’-])([\w'’-]+(?: [\w'’-]+){0,2})(?:\s*,\s*|\s+)\1(?![\w'’-])")


def collapse_repeats(text: str) -> str:
    """`text` with a false start said once: "what, what would" -> "what would"."""
    # Most sentences repeat no word within three words: find that out without the regex.
    words = text.replace(",", " ").split()
    if not any(any(map(operator.eq, words, words[k:])) for k in (1, 2, 3)):
        return text
    for _ in range(3):  # "I, I, I think" needs two rounds
        new = _REPEAT.sub(r"\1", text)
        if new == text:
            break
        text = new
    return text


def clean(text: str) -> str:
    """Text with control and format characters neutralised and quotes made plain."""
    text = text or ""
    if text.isascii():
        text = text.translate(_CONTROL)
    else:  # str.translate is slow outside ASCII; a regex finds the few characters to map
        text = _TO_MAP.sub(lambda m: _MAP[m.group()], text)
    if not text.isascii():
        # Look at each distinct character once, not at every character of a long text.
        bad = {ch: " " for ch in set(text)
               if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\n\t"}
        if bad:
            text = re.sub("[" + re.escape("".join(bad)) + "]", " ", text)
    return _SPACES.sub(" ", text).strip()


@cache
def _tools() -> dict[str, Any]:
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import RegexpTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class _Punkt(PunktSentenceTokenizer):
        """Punkt with a shortcut for the plain case of a candidate sentence break.

        Our parameters hold abbreviations only (no collocations, sentence starters or
        orthographic context), so a word of two or more letters followed by "?", "!" or
        (when it is no abbreviation) ".", a space and another word always ends a sentence:
        that is the common case, decided here without building Punkt's token objects.
        Punkt decides everything else, so the sentences are exactly Punkt's.
        """

        def text_contains_sentbreak(self, text: str) -> bool:
            m = _PLAIN_BREAK.match(text)
            if m and (m.group(2) != "." or m.group(1).lower() not in self._params.abbrev_types):
                return True
            return super().text_contains_sentbreak(text)

        def _get_last_whitespace_index(self, text: str) -> int:
            m = _LAST_SPACE.search(text)
            return m.start() if m else 0

    punkt = {}
    for lang in LANGS:
        params = PunktParameters()
        # The lists as written (the same normalising as `Lexicon.abbreviations`): no
        # language's patterns are compiled here.
        params.abbrev_types = {a.lower().rstrip(".") for a in words(lang).get("abbreviations", [])}
        punkt[lang] = _Punkt(params)
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
    memo = _STEMS.get(lang)
    if memo is None:  # not `or`: an empty memo is falsy, and German stems must not
        lang, memo = "en", _STEMS["en"]  # land in (or come from) the English memo
    got = memo.get(word)
    if got is None:
        if len(memo) > 50_000:
            memo.clear()
        got = _tools()["stemmers"][lang].stem(word)
        memo[word] = got
    return got
