"""YAML with positions: parse a document and remember where every value came from.

PyYAML's safe composer gives nodes with marks; we build plain Python values from the
nodes ourselves and keep a map from a value's path (`("steps", 2, "next")`) to its
1-based line and column. Only safe constructors are used: YAML tags that would build
Python objects are rejected by the safe loader, never executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


def parse(text: str, file: str) -> Source:
    """Parse YAML text into a `Source`; a syntax error raises `LoadError` (RS001/RS002)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "syntax error"
        raise LoadError([Diagnostic(file, line, col, "RS001", f"invalid YAML: {problem}",
                                    "check the indentation and quoting on this line")]) from None
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
        raise LoadError([Diagnostic(file, line, col, "RS001", f"invalid YAML: {exc.problem}",
                                    "use plain strings, numbers, lists and mappings only")]) from None
    return src


def _build(node: yaml.Node, path: Path_, src: Source, constructor: yaml.SafeLoader) -> Any:
    src.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
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
