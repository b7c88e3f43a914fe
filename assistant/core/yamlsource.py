"""YAML with positions: parse a document and remember where every value came from.

PyYAML's safe composer gives nodes with marks; we build plain Python values from the
nodes ourselves and keep a map from a value's path (`("steps", 2, "next")`) to its
1-based line and column. Only safe constructors are used: YAML tags that would build
Python objects are rejected by the safe loader, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
import yaml.reader

from .diagnostics import Diagnostic, LoadError

Path_ = tuple[Any, ...]


@dataclass
class Source:
    """A parsed YAML document, its file name and where each path in it sits."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path_, tuple[int, int]]] = field(default_factory=list)

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where `path` is; falls back to its nearest parent that has a position."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def diag(self, path: Path_, code: str, message: str, hint: str = "", *, key: bool = False,
             severity: str = "error") -> Diagnostic:
        line, col = self.at(path, key=key)
        return Diagnostic(self.file, line, col, code, message, hint, severity)


#: libyaml's composer when PyYAML was built with it (about 10x faster); its marks are the
#: same. Errors are re-parsed with the pure-Python loader, whose messages the
#: diagnostics are written against.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)

#: Limits on what one file may ask of the loader (docs/scripts.md, "Limits"). The
#: bundled files are far below them (the largest is 28 KB, 8 levels deep, no aliases).
MAX_FILE_BYTES = 128 * 1024  # the largest such file still checks in well under a second
#: Levels of lists and mappings inside each other.
MAX_DEPTH = 32
#: Values an alias (`*name`) or a merge (`<<: *name`) may repeat in one file, in all.
MAX_ALIAS_VALUES = 10_000
#: Digits of a whole number (up to about a million billion).
MAX_NUMBER_DIGITS = 15

_TOO_LARGE_HINT = "split it into several scripts or rule sets"


def parse(text: str, file: str) -> Source:
    """Parse YAML text into a `Source`; a syntax error raises `LoadError` (RS001/RS002),
    a file over one of the limits above raises it too (RS039-RS042).

    Results are cached by (text, file): the library, the validator and the classifier
    all read the same files, and a `Source` is never modified after parsing. Errors are
    cached too: a broken file is classified, then loaded, and re-parsing it with the
    pure-Python loader (for its messages) is the slow part.
    """
    result = _parse_cached(text, file)
    if isinstance(result, LoadError):
        raise LoadError(result.diagnostics)
    return result


@lru_cache(maxsize=512)
def _parse_cached(text: str, file: str) -> Source | LoadError:
    try:
        return _parse(text, file)
    except LoadError as exc:
        return exc


def _parse(text: str, file: str) -> Source:
    if len(text) > MAX_FILE_BYTES:
        raise LoadError([too_large(file, len(text))])
    node = None
    fast_error: yaml.MarkedYAMLError | None = None
    if _FAST_LOADER is not None:
        try:
            fast = _FAST_LOADER(text)
        except (UnicodeError, ValueError):
            node = _SLOW  # text libyaml cannot take (a lone surrogate): the slow path says why
        else:
            try:
                node = fast.get_single_node()
            except yaml.YAMLError as exc:
                node = _SLOW
                fast_error = exc if isinstance(exc, yaml.MarkedYAMLError) else None
            finally:
                fast.dispose()
    if _FAST_LOADER is None or node is _SLOW:
        node = _slow_parse(text, file, fast_error)
    if node is None:
        raise LoadError([Diagnostic(file, 1, 1, "RS002", "the file is empty",
                                    "a script starts with 'id:', 'title:' and 'steps:'")])
    src = Source(file, None)
    builder = _Builder(src, text)
    try:
        src.data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = "use plain strings, numbers, lists and mappings only"
        raise LoadError([Diagnostic(file, line, col, "RS001", f"invalid YAML: {exc.problem}",
                                    hint)]) from None
    except _Refused as exc:
        raise LoadError([exc.diagnostic]) from None
    return src


def too_large(file: str, size: int) -> Diagnostic:
    """RS039 for a file of `size` bytes (or characters)."""
    return Diagnostic(file, 1, 1, "RS039",
                      f"the file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})",
                      _TOO_LARGE_HINT)


def _slow_parse(text: str, file: str, fast_error: yaml.MarkedYAMLError | None) -> Any:
    if fast_error is not None and "nesting depth" in (fast_error.problem or ""):
        # libyaml stops at 1,000 levels; the pure-Python loader would recurse until
        # Python's own limit (a second of work) only to say the same.
        mark = fast_error.problem_mark
        raise LoadError([_too_deep(file, *((mark.line + 1, mark.column + 1) if mark
                                           else (1, 1)))])
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad is not None:
        # PyYAML's reader refuses these before parsing starts, with a position in
        # characters; the author needs the line and column, and which character it is.
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        char = bad.group()
        raise LoadError([Diagnostic(file, line, col, "RS001",
                                    f"invalid YAML: the control character U+{ord(char):04X} "
                                    "may not appear in a YAML file",
                                    "delete it (it is often invisible: retype the line); "
                                    "tabs and line breaks are fine")])
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_syntax_error(exc, file)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive, non-marked errors
        raise LoadError([Diagnostic(file, 1, 1, "RS001", f"invalid YAML: {exc}")]) from None
    except RecursionError:
        # Nested deeper than Python's composer can follow (libyaml stops at 1,000 levels
        # with its own error; this is where the pure-Python loader gives up).
        mark = fast_error.problem_mark if fast_error is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (loader.line + 1,
                                                                  loader.column + 1)
        raise LoadError([_too_deep(file, line, col)]) from None
    finally:
        loader.dispose()


def _too_deep(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(file, line, col, "RS040",
                      f"the lists and mappings are nested more than {MAX_DEPTH} levels deep",
                      "a script needs only a few levels; check the indentation and brackets")


class _Refused(Exception):
    """A value over one of the limits, found while building; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_SLOW = object()

#: Opening constructs whose unclosed form PyYAML reports only where it gave up (often the
#: end of the file); the author needs the place where the bracket or quote was opened.
_UNCLOSED = {
    "while parsing a flow sequence": ("a '[' list", "close it with ']'"),
    "while parsing a flow mapping": ("a '{' mapping", "close it with '}'"),
    "while scanning a quoted scalar": ("a quoted text", "close the quote on the same line, "
                                       "or use  key: >-  for a long text"),
}

#: The only tags a collection may carry; a scalar's tag is checked by the safe constructor.
_PLAIN_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map",
               yaml.SequenceNode: "tag:yaml.org,2002:seq"}


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    problem = exc.problem or "syntax error"
    opened = _UNCLOSED.get(exc.context or "")
    if opened and exc.context_mark is not None:
        mark = exc.context_mark
        where = f" on line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        return Diagnostic(file, mark.line + 1, mark.column + 1, "RS001",
                          f"invalid YAML: {opened[0]} starts here and is not closed "
                          f"({problem}{where})", opened[1])
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(file, line, col, "RS001", f"invalid YAML: {problem}",
                      "check the indentation and quoting on this line")


_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Builds plain values from composed nodes, recording positions and keeping the limits.

    PyYAML composes an alias as the very node it names, so a node met a second time is
    an alias: everything built inside it counts against MAX_ALIAS_VALUES (a "billion
    laughs" file nests aliases until that is billions), and a node met again while it
    is still being built is an alias of itself (`&t [*t]`), which has no value at all.
    """

    def __init__(self, src: Source, text: str):
        self.src = src
        self.merges = "<<" in text  # a merge key is written `<<:`; most files have none
        self.constructor = yaml.SafeLoader("")
        self.built: set[int] = set()
        self.active: set[int] = set()
        self.repeating = 0  # > 0 while building the second (third, ...) use of a node
        self.repeated = 0
        self.merged: dict[int, int] = {}

    def refuse(self, node: yaml.Node, code: str, message: str, hint: str) -> _Refused:
        mark = node.start_mark
        return _Refused(Diagnostic(self.src.file, mark.line + 1, mark.column + 1, code,
                                   message, hint))

    def alias_limit(self, node: yaml.Node) -> _Refused:
        return self.refuse(node, "RS041", f"aliases repeat more than {MAX_ALIAS_VALUES:,} "
                           "values", "write the values out, or use fewer nested aliases")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        mark = node.start_mark
        self.src.positions[path] = (mark.line + 1, mark.column + 1)
        if self.repeating:
            self.repeated += 1
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if self.repeated > MAX_ALIAS_VALUES:
            raise self.alias_limit(node)  # at a list or mapping: where an author looks
        if len(path) > MAX_DEPTH:
            raise _Refused(_too_deep(self.src.file, mark.line + 1, mark.column + 1))
        key = id(node)
        if key in self.active:
            raise self.refuse(node, "RS041", "an alias is used inside the value it names",
                              "an anchor (&name) cannot contain its own alias (*name)")
        again = key in self.built
        if again:
            self.repeating += 1
        else:
            self.built.add(key)
        self.active.add(key)
        try:
            return self._collection(node, path)
        finally:
            self.active.discard(key)
            if again:
                self.repeating -= 1

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        src = self.src
        plain = _PLAIN_TAGS.get(type(node))
        if plain is not None and node.tag != plain:
            # We build collections ourselves, so the safe constructor never sees their tags:
            # refuse e.g. `!!python/object/apply:os.system [...]` instead of ignoring the tag.
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag '{_short_tag(node.tag)}' is not allowed", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            if self.merges and any(k.tag == _MERGE_TAG for k, _ in node.value):
                if self.merged_size(node) > MAX_ALIAS_VALUES:
                    raise self.alias_limit(node)
                self.constructor.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) \
                    else self.constructor.construct_object(key_node, deep=True)
                if isinstance(key, bool) and isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value  # YAML 1.1 reads `on:`/`yes:` as booleans; keys are names
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    key = str(key)
                kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in out:
                    src.duplicates.append((path + (key,), kpos))
                src.key_positions[path + (key,)] = kpos
                out[key] = self.build(value_node, path + (key,))
            return out
        return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value  # what the safe constructor gives for text, without its bookkeeping
        if tag == _INT_TAG and len(node.value) > MAX_NUMBER_DIGITS + 8:
            raise self.number_limit(node)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, IndexError, TypeError, KeyError) as exc:
            # e.g. a date that does not exist (2026-02-30), or `!!int` with nothing after it
            raise self.refuse(node, "RS001", f"invalid YAML: '{_clip(node.value)}' cannot be "
                              f"read: {exc}", "quote it to keep it as text") from None
        if isinstance(value, int) and not isinstance(value, bool) \
                and abs(value) >= 10 ** MAX_NUMBER_DIGITS:
            raise self.number_limit(node)
        return value

    def number_limit(self, node: yaml.Node) -> _Refused:
        return self.refuse(node, "RS042", f"the number {_clip(node.value)} is too large",
                           f"use at most {MAX_NUMBER_DIGITS} digits, or quote it to keep it "
                           "as text")

    def merged_size(self, node: yaml.Node, active: frozenset[int] = frozenset()) -> int:
        """How many entries `node` has once its `<<:` merges are flattened, without
        flattening them (PyYAML's flatten copies, so nested merges grow exponentially)."""
        key = id(node)
        if key in self.merged:
            return self.merged[key]
        if key in active:
            raise self.refuse(node, "RS041", "a merge (<<:) includes the mapping it is in",
                              "an anchor (&name) cannot contain its own alias (*name)")
        if not isinstance(node, yaml.MappingNode):
            return 0
        if len(active) > MAX_DEPTH:
            mark = node.start_mark
            raise _Refused(_too_deep(self.src.file, mark.line + 1, mark.column + 1))
        inner = active | {key}
        size = 0
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                size += 1
            elif isinstance(value_node, yaml.SequenceNode):
                size += sum(self.merged_size(sub, inner) for sub in value_node.value)
            else:
                size += self.merged_size(value_node, inner)
            if size > MAX_ALIAS_VALUES:
                break
        self.merged[key] = size
        return size


def _clip(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "..."


def _short_tag(tag: str) -> str:
    """'!!python/object' as the author wrote it, not PyYAML's expanded 'tag:yaml.org,2002:...'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


# Callers (the benchmark) clear the cache through `parse`, as when it was the cached one.
parse.cache_clear = _parse_cached.cache_clear  # type: ignore[attr-defined]
