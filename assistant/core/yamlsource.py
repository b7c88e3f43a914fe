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


@lru_cache(maxsize=512)
def parse(text: str, file: str) -> Source:
    """Parse YAML text into a `Source`; a syntax error raises `LoadError` (RS001/RS002).

    Results are cached by (text, file): the library, the validator and the classifier
    all read the same files, and a `Source` is never modified after parsing.
    """
    node = None
    if _FAST_LOADER is not None:
        fast = _FAST_LOADER(text)
        try:
            node = fast.get_single_node()
        except yaml.YAMLError:
            node = _SLOW
        finally:
            fast.dispose()
    if _FAST_LOADER is None or node is _SLOW:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise LoadError([_syntax_error(exc, file)]) from None
        except yaml.YAMLError as exc:  # pragma: no cover - defensive, non-marked errors
            raise LoadError([Diagnostic(file, 1, 1, "RS001", f"invalid YAML: {exc}")]) from None
        finally:
            loader.dispose()
    if node is None:
        raise LoadError([Diagnostic(file, 1, 1, "RS002", "the file is empty",
                                    "a script starts with 'id:', 'title:' and 'steps:'")])
    src = Source(file, None)
    try:
        src.data = _build(node, (), src, yaml.SafeLoader(""))
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = "use plain strings, numbers, lists and mappings only"
        raise LoadError([Diagnostic(file, line, col, "RS001", f"invalid YAML: {exc.problem}",
                                    hint)]) from None
    return src


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


def _build(node: yaml.Node, path: Path_, src: Source, constructor: yaml.SafeLoader) -> Any:
    src.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    plain = _PLAIN_TAGS.get(type(node))
    if plain is not None and node.tag != plain:
        # We build collections ourselves, so the safe constructor never sees their tags:
        # refuse e.g. `!!python/object/apply:os.system [...]` instead of ignoring the tag.
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag '{_short_tag(node.tag)}' is not allowed", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        constructor.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, bool) and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value  # YAML 1.1 reads `on:`/`yes:` as booleans; keys are names
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                src.duplicates.append((path + (key,), kpos))
            src.key_positions[path + (key,)] = kpos
            out[key] = _build(value_node, path + (key,), src, constructor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), src, constructor) for i, child in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def _short_tag(tag: str) -> str:
    """'!!python/object' as the author wrote it, not PyYAML's expanded 'tag:yaml.org,2002:...'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag
