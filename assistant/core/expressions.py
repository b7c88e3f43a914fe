"""One expression language for conditions: Jinja2 expressions in a sandbox.

`when:` conditions in scripts and rules are compiled once, at load time, by
`compile_condition`, which also checks every name they use against a declared
vocabulary (`SCRIPT_NAMES` or `RULE_NAMES`) and every `facts.x` / `answers.x` against
the known facts and answers, so a typo fails in `reflect validate` with a suggestion
instead of silently being false in a live dialogue.

User answers only ever reach an expression as *values* in its context: they are never
compiled or rendered, so `{{ 7*7 }}` typed by a person stays those nine characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes

from .diagnostics import did_you_mean
from .sandbox import CONDITION_OPS, CONDITION_SECONDS, BoundedEnvironment, budget, constant_breach

#: Names a step's `when` and a branch's `when` may use.
SCRIPT_NAMES: dict[str, str] = {
    "answers": "the answers given so far, by store name (the latest visit)",
    "vars": "variables set by rules",
    "flags": "flags raised by rules (a set of names)",
    "visits": "how many times each step was answered so far, by step id",
    "lang": "the dialogue's language code (en, de, da)",
    "facts": "facts about the answers given so far, by store name (facts.goal.has_deadline)",
}

#: Names a rule's `when` may use: the script names plus the answer being judged.
RULE_NAMES: dict[str, str] = {
    **{k: v for k, v in SCRIPT_NAMES.items() if k != "facts"},
    "answer": "the answer just given: answer.text, answer.value, answer.words",
    "facts": "facts about the answer just given (see docs/analysis.md)",
    "step": "the step just answered: step.id, step.kind, step.tags",
}

_ANSWER_ATTRS = {"text", "value", "words", "probes"}
_STEP_ATTRS = {"id", "kind", "tags"}


class _Lenient(StrictUndefined):
    """Missing answers/vars read as empty/false at run time instead of raising.

    Load-time checks already reject unknown *names*; a known answer that has simply not
    been given yet (a skipped step) must not crash a live dialogue.
    """

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Lenient)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return 0

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Lenient(hint=None, obj=None, name=name)

    __getitem__ = __getattr__

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        return _Lenient()

    __lt__ = __le__ = __gt__ = __ge__ = _fail_with_undefined_error  # type: ignore[assignment]
    __add__ = __radd__ = __sub__ = __rsub__ = _fail_with_undefined_error  # type: ignore[assignment]
    __int__ = lambda self: 0  # noqa: E731
    __float__ = lambda self: 0.0  # noqa: E731
    __contains__ = lambda self, item: False  # noqa: E731


_ENV = BoundedEnvironment(undefined=_Lenient, autoescape=False)


class ExpressionError(Exception):
    """A condition that does not parse or names something unknown; `code` is RS009/RS010/..."""

    def __init__(self, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class _AttrDict(dict):
    """A dict whose keys read as attributes too (`answers.goal` and `answers['goal']`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def as_context_value(value: Any) -> Any:
    if isinstance(value, Mapping) and not isinstance(value, _AttrDict):
        return _AttrDict({k: as_context_value(v) for k, v in value.items()})
    return value


@dataclass(frozen=True)
class Condition:
    """A checked condition; call it with a context mapping to get a bool.

    Its source was parsed and its names checked at load time; the Python code is
    generated on first use (and shared by every condition with the same text), which
    keeps loading all scripts in all languages cheap.
    """

    source: str

    def __call__(self, context: Mapping[str, Any]) -> bool:
        try:
            fn = _compile(self.source)
            with budget(CONDITION_OPS, CONDITION_SECONDS):
                return bool(fn(**{k: as_context_value(v) for k, v in context.items()}))
        except Exception:  # noqa: BLE001
            # A condition over missing or odd data (or one over its budget, e.g. a huge
            # power of an answer) is false; it never stops a dialogue.
            return False


def compile_condition(
    source: Any,
    names: Mapping[str, str],
    *,
    facts: Iterable[str] | None = None,
    answers: Iterable[str] | None = None,
) -> Condition:
    """Compile `source` once; raise `ExpressionError` on a syntax error or unknown name."""
    if isinstance(source, bool):
        source = "true" if source else "false"
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("RS010", "a condition must be a non-empty expression",
                              "write e.g. when: not facts.has_deadline")
    try:
        tree = _parse(source)
    except TemplateSyntaxError as exc:
        raise ExpressionError("RS010", f"the condition '{source}' does not parse: {exc.message}",
                              "conditions are Jinja2 expressions: and, or, not, ==, in, <"
                              ) from None
    except ValueError:  # Jinja2's lexer on a number longer than Python reads
        raise ExpressionError("RS042", f"a number in the condition '{_clip(source)}' is too long",
                              "a number may have at most about 100 digits") from None
    _check_names(tree, source, names, set(facts) if facts is not None else None,
                 set(answers) if answers is not None else None)
    breach = _breach(source)
    if breach is not None:
        raise ExpressionError("RS043", f"the condition '{_clip(source)}' goes over a limit: "
                              f"{breach}", "use smaller numbers; see the limits in "
                              "docs/scripts.md")
    return Condition(source)


def _clip(source: str) -> str:
    return source if len(source) <= 60 else source[:57] + "..."


@lru_cache(maxsize=4096)
def _breach(source: str) -> str | None:
    """Why a constant part of the condition (`9**(9**9)`) is over a limit, or None."""
    if not any(ch in source for ch in "*+%(|"):
        return None  # no operator, call or filter that could go over a limit
    found = constant_breach(_parse(source), _ENV)
    return found[1] if found else None


# The same condition text appears in every language of a script and in every script that
# names a rule set; parsing and compiling it once per process is enough (the name checks
# above still run for each use, since they depend on what the script declares).
@lru_cache(maxsize=4096)
def _parse(source: str) -> nodes.Template:
    return _ENV.parse("{{ (" + source + ") }}")


@lru_cache(maxsize=4096)
def _compile(source: str) -> Callable[..., Any]:
    return _ENV.compile_expression(source, undefined_to_none=False)


def _check_names(tree: nodes.Node, source: str, names: Mapping[str, str],
                 facts: set[str] | None, answers: set[str] | None) -> None:
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in names and name.name not in _JINJA_GLOBALS:
            raise ExpressionError("RS009", f"'{name.name}' is not defined in '{source}'",
                                  did_you_mean(name.name, names))
    for attr in tree.find_all(nodes.Getattr):
        if attr.attr.startswith("_"):
            # The sandbox would refuse it at run time; refuse it where the author can see.
            raise ExpressionError("RS009", f"'{attr.attr}' may not be used in '{source}'",
                                  "conditions read answers, facts and vars, not Python internals")
        base = attr.node
        if (isinstance(base, nodes.Getattr) and isinstance(base.node, nodes.Name)
                and base.node.name == "facts" and "answer" not in names
                and facts is not None and attr.attr not in facts):
            # A script's `facts.<answer>.<fact>`: the fact name is checked like a rule's.
            raise ExpressionError("RS016", f"unknown fact '{attr.attr}' in '{source}'",
                                  did_you_mean(attr.attr, facts))
        if not isinstance(base, nodes.Name):
            continue
        known: set[str] | None = None
        code, what = "", ""
        if base.name == "facts" and facts is not None and "facts" in names and "answer" in names:
            known, code, what = facts, "RS016", "fact"
        elif base.name in ("answers", "facts") and answers is not None:
            known, code, what = answers, "RS028", "answer"
        elif base.name == "answer" and "answer" in names:
            known, code, what = _ANSWER_ATTRS, "RS009", "attribute of answer"
        elif base.name == "step" and "step" in names:
            known, code, what = _STEP_ATTRS, "RS009", "attribute of step"
        if known is not None and attr.attr not in known:
            raise ExpressionError(code, f"unknown {what} '{attr.attr}' in '{source}'",
                                  did_you_mean(attr.attr, known))


_JINJA_GLOBALS = {"true", "false", "none", "True", "False", "None", "range", "dict",
                  "cycler", "joiner", "namespace"}
