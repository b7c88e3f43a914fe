"""The one Jinja2 environment summary templates are rendered in, and compiled templates.

Rendering, validation and the benchmark share it, so a template is compiled once per
process, and `reflect validate` checks templates with exactly the filters and settings
they are rendered with (an unknown filter is a validation error, not a failed summary).
The environment is sandboxed; answers only ever reach it as values.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment


def _quote(text: Any) -> str:
    """A Markdown block quote of (possibly multi-line) text."""
    lines = str(text or "").splitlines() or [""]
    return "\n".join("> " + line if line else ">" for line in lines)


def _oneline(text: Any) -> str:
    return " ".join(str(text or "").split())


class _Soft(StrictUndefined):
    """A missing answer renders as nothing and tests false, but a typo'd filter still fails."""

    __str__ = lambda self: ""  # noqa: E731
    __bool__ = lambda self: False  # noqa: E731
    __iter__ = lambda self: iter(())  # noqa: E731
    __len__ = lambda self: 0  # noqa: E731

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Soft()


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               autoescape=False, undefined=_Soft)
    env.filters["quote"] = _quote
    env.filters["oneline"] = _oneline
    return env


@lru_cache(maxsize=256)
def compile_template(text: str) -> Template:
    """Compile template text (cached by text); raises jinja2's TemplateSyntaxError."""
    return environment().from_string(text)
