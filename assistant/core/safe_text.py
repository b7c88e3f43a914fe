"""Make a person's text harmless to show in a terminal or a document.

Answers are stored exactly as typed. Three ways out, one function each:

* `neutralise`, before display (screen, plain mode, CLI, Markdown): control characters
  (an escape sequence could move the cursor, recolour or retitle a terminal) and the
  bidi controls (an override or isolate reorders what a terminal or page shows, so that
  ``pay \\u202etxt.exe`` reads as something else) are replaced by a visible
  ``\\xNN`` / ``\\uNNNN`` form; newlines and tabs stay.
* `markdown_text`, for an answer placed in a Markdown document: every character that
  could start Markdown or HTML is backslash-escaped (CommonMark renders an escaped ASCII
  punctuation character as itself), and so is each character of whatever a viewer with
  "linkify" on would turn into a link. The document shows the person's literal words,
  in Reflect's own HTML page and in any other viewer: no image, link, heading, list,
  table or raw HTML comes out of an answer.
* `json_text`, for JSON meant to be read or piped: the same controls written as JSON
  ``\\uNNNN`` escapes, so the file stays lossless and valid but shows nothing raw.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: C0 (but newline and tab) and C1 controls, DEL; the bidi embeddings, overrides and
#: isolates; the line and paragraph separators (a line break most programs do not
#: expect inside one line).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(text: str) -> str:
    return _CONTROL.sub(lambda m: _visible(m.group()), text)


#: Starts inline Markdown or HTML anywhere in a line: escapes, code, emphasis, links and
#: images, autolinks and tags, tables, strikethrough, attribute lists.
_INLINE = re.compile(r"[\\`*_\[\]<>!|~{}]|&(?=#?\w+;)")
#: Starts a block at the beginning of a line (after indentation): a heading, a list item,
#: a setext underline, a definition.
_LINE_START = re.compile(r"^([ \t]*)(?:([#+\-=:])|(\d{1,9})([.)]))", re.M)
#: The colon of a URL's scheme: a viewer's linkify starts looking at it.
_SCHEME = re.compile(r":(?=//)")
#: What every link has inside a word, for long texts (see `markdown_text`).
_IN_WORD = re.compile(r"(?<=\S)[.:@](?=\S)")
#: Longer texts are not searched for links (see `markdown_text`).
LINKIFY_LIMIT = 20_000
#: Every character CommonMark lets a backslash escape.
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def _escape(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: "\\" + m.group(), text)


@cache
def _linkify() -> Any:
    from linkify_it import LinkifyIt  # what markdown-it's linkify uses, loaded when needed

    return LinkifyIt()


def _links(text: str) -> list[tuple[int, int]]:
    """Where a viewer with linkify on would see a link (a URL, `www.`, an e-mail address,
    a bare domain): found by the library those viewers use."""
    if not any(c in text for c in ".:@"):
        return []
    return [(m.index, m.last_index) for m in _linkify().match(text) or ()]


#: A backslash escape: a viewer reads the text between two of them as one piece.
_ESCAPED = re.compile(r"(\\.)", re.S)


def _unlink(text: str) -> str:
    """Escape each character of every link a viewer would find in a piece of `text`."""
    out: list[str] = []
    at = 0
    for start, end in _links(text):
        out += [text[at:start], _escape(_PUNCTUATION, text[start:end])]
        at = end
    return "".join(out) + text[at:]


def markdown_text(text: Any) -> str:
    """`text` (neutralised) as Markdown that renders as exactly that text."""
    out = _escape(_INLINE, neutralise(str(text)))
    # A viewer's linkify looks at the text between escapes (and at what follows a
    # "scheme:"): escaping a link's characters splits it, and the pieces may hold a
    # shorter link ("//example.org"), so repeat until no piece holds one.
    if len(out) > LINKIFY_LIMIT:
        # Finding links costs about a second a megabyte: in a text this long, escape
        # every dot, colon and at sign inside a word instead, which no link survives.
        return _LINE_START.sub(_line_start, _escape(_IN_WORD, out))
    out = _SCHEME.sub(r"\\:", out)
    for _ in range(8):
        pieces = _ESCAPED.split(out)
        again = "".join(p if i % 2 else _unlink(p) for i, p in enumerate(pieces))
        if again == out:
            break
        out = again
    return _LINE_START.sub(_line_start, out)


def _line_start(m: re.Match[str]) -> str:
    indent, mark, digits, dot = m.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{dot}"


def json_text(dumped: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with the controls that dumps
    leaves raw (C1, bidi, separators) written as ``\\uNNNN``. Outside strings JSON holds
    only ASCII, so every such character is inside a string, where the escape is valid."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
