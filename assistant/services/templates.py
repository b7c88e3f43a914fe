"""The one Jinja2 environment summary templates are rendered in, and compiled templates.

Rendering, validation and the benchmark share it, so a template is compiled once per
process, and `reflect validate` checks templates with exactly the filters and settings
they are rendered with (an unknown filter is a validation error, not a failed summary).
The environment is sandboxed with budgets (`core.sandbox`: no template can hang or fill
memory); answers only ever reach it as values.

Compiling a summary template (lexing, parsing, generating and compiling Python) takes
5-9 ms, most of loading all content. With `use_cache(folder)` (the CLI and the app
give `<data home>/cache/templates`) the compiled code is kept there, keyed by a hash of
the template's text: the next process loads it instead (well under a millisecond);
changed text is simply compiled again. The cache (`template_cache`) loads only files
that the user alone can have written and never unpickles anything.

One template serves every language: it marks its words with `_("...")`, `ngettext(...)`
or `{% trans %}` (Jinja2's i18n extension, new-style: placeholders are `%(name)s` and
are filled by the call), and `translations(table)` gives the functions a render looks
them up with, in the `summary:` table of the script's translation. Compiled code does
not depend on the language, so a template is compiled once for all three.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    nodes,
)

from ..core.diagnostics import Diagnostic
from ..core.loader import TemplateText, placeholders
from ..core.sandbox import BoundedEnvironment, TemplateLimitError, current_budget


def _quote(text: Any) -> str:
    """A Markdown block quote of (possibly multi-line) text."""
    lines = str(text or "").splitlines() or [""]
    return "\n".join("> " + line if line else ">" for line in lines)


def _oneline(text: Any) -> str:
    return " ".join(str(text or "").split())


#: What may follow a sentence's own last mark: closing brackets, quotes, Markdown emphasis.
_CLOSERS = ")]}\"'»«“”‘’*_"


def _full_stop(text: Any) -> str:
    """`text` as the end of a sentence: a full stop is added only when it has no closing
    mark of its own, looking past closing brackets, quotes and emphasis, so that an answer
    typed with a full stop does not end up with two ("in June.." or "**in June.**.")."""
    out = str(text or "").rstrip()
    if not out or out.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…"):
        return out
    return out + "."


class _Soft(StrictUndefined):
    """A missing answer renders as nothing, tests false, equals only `none` (or
    another missing value) and stays missing in arithmetic, so a summary of a paused
    session renders: the question not reached yet is simply not answered. A typo'd
    filter still fails."""

    __str__ = lambda self: ""  # noqa: E731
    __bool__ = lambda self: False  # noqa: E731
    __iter__ = lambda self: iter(())  # noqa: E731
    __len__ = lambda self: 0  # noqa: E731
    __contains__ = lambda self, item: False  # noqa: E731
    __hash__ = lambda self: 0  # noqa: E731

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Soft)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def _compare(self, other: object) -> bool:
        return False  # a value not given is neither more nor less than anything

    __lt__ = __le__ = __gt__ = __ge__ = _compare  # type: ignore[assignment]

    def _nothing(self, *args: object) -> _Soft:
        return _Soft()  # arithmetic with a value not given is a value not given

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _nothing  # type: ignore[assignment]
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _nothing  # type: ignore[assignment]
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = _nothing  # type: ignore[assignment]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Soft()


class _Texts(BaseLoader):
    """Serves template texts by the hash `compile_template` names them with, so that
    they go through Jinja2's loading path, the one its bytecode cache works on."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str | None, Callable[[], bool]]:
        if template not in self.texts:
            raise TemplateNotFound(template)  # no other template to include or import
        return self.texts[template], None, lambda: True


@cache
def environment() -> BoundedEnvironment:
    env = BoundedEnvironment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               autoescape=False, undefined=_Soft, loader=_Texts(),
                               extensions=["jinja2.ext.i18n"])
    # `{% trans %}` compiles to gettext(text, **placeholders): the call fills them in.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.filters["quote"] = _quote
    env.filters["oneline"] = _oneline
    env.filters["full_stop"] = _full_stop
    return env


def use_cache(folder: Path | None) -> None:
    """Keep compiled templates in `folder` (created private to the user), or nowhere."""
    env = environment()
    if folder is None:
        env.bytecode_cache = None
        return
    try:
        # `parents=True` would make the missing parents with the default mode (0o755).
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        env.bytecode_cache = None  # a cache: without it templates are compiled each time
        return
    from .template_cache import PrivateBytecodeCache

    env.bytecode_cache = PrivateBytecodeCache(folder)


def use_cache_in(data_home: Path | None) -> None:
    use_cache(None if data_home is None else data_home / "cache" / "templates")


#: Part of every compiled template's cache name: bump it when the code templates compile
#: to changes (the budgets of `core.sandbox`), so code compiled before is never loaded.
CODE_VERSION = "bounded-2-i18n"

#: A whole number longer than Python reads (4,300 digits) fails in Jinja2's lexer.
_LONG_NUMBER = re.compile(r"\d[\d_]{4000,}")


@lru_cache(maxsize=256)
def compile_template(text: str) -> Template:
    """Compile template text (cached by text, and on disk with `use_cache`); raises
    jinja2's TemplateSyntaxError, or `TemplateLimitError` (RS043/RS044) for a template
    that breaks one of the sandbox's limits before it runs."""
    env = environment()
    name = hashlib.sha256(f"{CODE_VERSION}\0{text}".encode()).hexdigest()
    loader = env.loader
    assert isinstance(loader, _Texts)
    loader.texts[name] = text
    try:
        with warnings.catch_warnings():
            # Python's own compile warns about generated code such as `1[1:]` (a slice of
            # a number): the template says that itself when it renders, on its own line.
            warnings.simplefilter("ignore", SyntaxWarning)
            return env.get_template(name)
    except TemplateSyntaxError as exc:
        exc.name = exc.filename = None  # report it like text compiled on its own
        raise
    except ValueError:
        long = _LONG_NUMBER.search(text)
        if long is None:
            raise
        raise TemplateLimitError("RS042", "has a number that is too long",
                                 text.count("\n", 0, long.start()) + 1,
                                 "a number may have at most about 100 digits") from None
    except OSError:  # an unreadable or unwritable cache file: compile without it
        return env.from_string(text)
    finally:
        del loader.texts[name]


# --------------------------------------------------------------------------- translation

#: The functions a template marks a text with, and how many texts each takes first.
GETTEXT = {"_": 1, "gettext": 1, "ngettext": 2}

_FILL = re.compile(r"%\((\w+)\)s|%%")


def _fill(text: str, values: dict[str, Any]) -> str:
    """`text` with its `%(name)s` placeholders filled and `%%` made `%`. Nothing else
    of it is read as a format: a placeholder the call does not give stays as written,
    and a value (an answer) is put in as it is, never formatted itself."""
    used = [values[m.group(1)] for m in _FILL.finditer(text)
            if m.group(1) is not None and m.group(1) in values]
    # Before the text is built: a translation may repeat a placeholder many times.
    current_budget().check_text(text, *used)

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name is None:
            return "%"
        return str(values[name]) if name in values else m.group(0)

    return _FILL.sub(one, text)


def translations(table: Mapping[str, str | tuple[str, str]] | None
                 ) -> dict[str, Callable[..., str]]:
    """The `_`, `gettext` and `ngettext` a template renders with: each text looked up in
    `table` (English text -> translation, or (one, other) forms), the English text when
    it has no translation there or its translation names a placeholder the English text
    does not (`reflect validate` reports both). German and Danish, like English, say
    `one` of 1 and `other` of every other number."""
    table = table or {}

    def gettext(text: str, /, **values: Any) -> str:
        entry = table.get(text) if isinstance(text, str) else None
        if isinstance(entry, str) and placeholders(entry) <= placeholders(text):
            return _fill(entry, values)
        return _fill(str(text), values)

    def ngettext(singular: str, plural: str, n: Any, /, **values: Any) -> str:
        values.setdefault("num", n)
        one = n == 1 and not isinstance(n, bool)
        entry = table.get(singular) if isinstance(singular, str) else None
        known = placeholders(str(singular)) | placeholders(str(plural)) | {"num"}
        if isinstance(entry, tuple) and all(placeholders(f) <= known for f in entry):
            return _fill(entry[0] if one else entry[1], values)
        return _fill(str(singular if one else plural), values)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


@lru_cache(maxsize=256)
def template_texts(text: str) -> tuple[tuple[TemplateText, ...], tuple[Diagnostic, ...]]:
    """The texts a template marks for translation, with their line and column, and an
    RS046 diagnostic (file left empty, for the caller to fill) for each call whose text
    is not written out (a text made at render time cannot have a translation). The
    template must compile (`compile_template`) first.

    Finding them takes parsing the template (a few milliseconds each, as much as all
    the rest of `reflect validate`), so with `use_cache` they are kept beside the
    compiled template, as JSON under the same hash of the text."""
    cached = _texts_cached(text)
    if cached is not None:
        return cached
    found = _find_texts(text)
    _keep_texts(text, found)
    return found


def _texts_file(text: str) -> Path | None:
    from .template_cache import PrivateBytecodeCache

    cache = environment().bytecode_cache
    if not isinstance(cache, PrivateBytecodeCache):
        return None
    name = hashlib.sha256(f"{CODE_VERSION}\0texts\0{text}".encode()).hexdigest()
    return cache.folder / f"{name}.texts.json"


def _texts_cached(text: str) -> tuple[tuple[TemplateText, ...], tuple[Diagnostic, ...]] | None:
    path = _texts_file(text)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = tuple(TemplateText(int(line), int(col), str(english),
                                   None if plural is None else str(plural),
                                   None if given is None else frozenset(map(str, given)))
                      for line, col, english, plural, given in data["texts"])
        problems = tuple(Diagnostic("", int(line), int(col), "RS046", str(message), str(hint))
                         for line, col, message, hint in data["problems"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # not there yet, or not ours: found afresh
    return tuple(texts), tuple(problems)


def _keep_texts(text: str, found: tuple[tuple[TemplateText, ...], tuple[Diagnostic, ...]]
                ) -> None:
    path = _texts_file(text)
    if path is None:
        return
    texts, problems = found
    data = {"texts": [[t.line, t.col, t.english, t.plural,
                       None if t.given is None else sorted(t.given)] for t in texts],
            "problems": [[d.line, d.col, d.message, d.hint] for d in problems]}
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:  # a cache: without it the texts are found again next time
        temporary.unlink(missing_ok=True)


def _find_texts(text: str) -> tuple[tuple[TemplateText, ...], tuple[Diagnostic, ...]]:
    tree = environment().parse(text)
    lines = text.splitlines()
    texts: list[TemplateText] = []
    problems: list[Diagnostic] = []
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in GETTEXT:
            continue
        name, count = call.node.name, GETTEXT[call.node.name]
        line = call.lineno
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        args = call.args[:count]
        written = [a.value for a in args if isinstance(a, nodes.Const)
                   and isinstance(a.value, str)]
        if len(written) < count:
            col = source.find(f"{name}(") + 1 or 1
            problems.append(Diagnostic("", line, col, "RS046",
                                       f"the text given to {name}() is not written out",
                                       "write the English text in quotes, e.g. "
                                       '_("Not answered yet"); put answers in with a '
                                       'placeholder: _("Said: %(text)s", text=answers.x)'))
            continue
        english = written[0]
        # Where the text starts: as written in _("..."), or in a {% trans %} block (where
        # a placeholder is written {{ name }}) the words before the first placeholder.
        col = 0
        for part in (english.split("\n", 1)[0], english.split("%(", 1)[0].replace("%%", "%")):
            if part.strip() and source.find(part) >= 0:
                col = source.find(part) + 1
                break
        if col <= 0:
            col = source.find(f"{name}(") + 1 or source.find("{%") + 1 or 1
        dynamic = call.dyn_args is not None or call.dyn_kwargs is not None
        given = None if dynamic else frozenset(k.key for k in call.kwargs)
        texts.append(TemplateText(line, col, english, written[1] if count == 2 else None,
                                  given))
    return tuple(texts), tuple(problems)
