"""A Jinja2 sandbox with budgets: templates and conditions cannot hang or fill memory.

Scripts, rule sets and summary templates are written by programme coordinators, and
`--prompts` / `--rules` take anyone's folder, so what an author writes must not be able
to stop Reflect. Jinja2's `SandboxedEnvironment` already refuses to run code outside
the template; `BoundedEnvironment` also bounds how much work a template may do:

- Arithmetic (`**`, `*`, `+`, `%`) is intercepted: a whole number may have at most
  `MAX_INT_BITS` bits (about 100 digits), a text or list at most the render's
  `max_text` characters or items, and printf-style widths at most `MAX_ARG`.
  Intercepted operators are never folded at compile time, so `{{ 9**(9**9) }}` cannot
  hang compilation either; `check_constants` evaluates such constant expressions with
  the same limits, so `reflect validate` reports them (RS043) instead.
- `range()` gives at most `MAX_RANGE` numbers; a size argument of a filter or a
  built-in method (`center`, `batch`, `indent`, `tojson`, ...) is at most `MAX_ARG`;
  `str.format` widths likewise; `replace` and `expandtabs` are checked for the size
  of their result before they run, and every result is checked after.
- Every loop step, call and intercepted operation counts against the render's
  operation budget (`Budget.ops`), and the CPU time of the render is bounded
  (`Budget.seconds`); the output (and every block or macro built on the way) may
  not exceed `Budget.max_text` characters, nor may the text any value becomes when it
  is written (a list of ten thousand references to one answer is small, its text is
  not); everything a render builds counts towards `WORK_FACTOR` times that.
- `{% include %}`, `{% import %}` and `{% extends %}` are refused at compile time
  (RS044): a summary is one template, and there is no other file to read.

A breach raises `LimitError`, a `jinja2.exceptions.SecurityError`, so callers that
report template errors report it too. The limits are documented in docs/scripts.md.
"""

from __future__ import annotations

import contextvars
import copy
import functools
import re
import string
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateAssertionError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

#: The largest whole number an operation may produce: 2**333 is about 10**100.
MAX_INT_BITS = 333
#: The most numbers `range()` gives.
MAX_RANGE = 10_000
#: The largest size argument (a width, a count, an indent) a filter or method may get.
MAX_ARG = 10_000
#: The largest text or list a template may build from constants alone (RS043).
MAX_CONSTANT = 100_000

#: A render's budgets: operations, CPU seconds, and characters beyond what the context
#: itself holds (a summary may print each answer a few times, however long it is).
TEMPLATE_OPS = 100_000
TEMPLATE_SECONDS = 0.5
TEMPLATE_TEXT = 1_000_000
#: What a render may build in all (every text and list of every operation), as a multiple
#: of its output budget.
WORK_FACTOR = 8
#: A condition is one expression: far smaller budgets.
CONDITION_OPS = 10_000
CONDITION_SECONDS = 0.05


class LimitError(SecurityError):
    """A template or condition went over one of the limits above."""


class TemplateLimitError(TemplateAssertionError):
    """A limit visible before the template runs; `code` is RS043 (a constant over a
    limit) or RS044 (an include, import or extends)."""

    def __init__(self, code: str, message: str, lineno: int, hint: str = "") -> None:
        super().__init__(message, lineno)
        self.code = code
        self.hint = hint


@dataclass
class Budget:
    """What one render (or one condition) may still spend."""

    ops: int = TEMPLATE_OPS
    seconds: float = TEMPLATE_SECONDS
    max_text: int = TEMPLATE_TEXT
    used: int = 0
    built: int = 0
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.thread_time() + self.seconds

    def tick(self, n: int = 1) -> None:
        self.used += n
        if self.used > self.ops:
            raise LimitError(f"the template did more than {self.ops:,} operations "
                             "(loops, calls and arithmetic together)")
        # CPU time of this thread: a busy machine or a suspended laptop is no breach.
        if time.thread_time() > self.deadline:
            raise LimitError(f"the template ran for more than {self.seconds:g} seconds")

    def check_size(self, value: Any) -> Any:
        """`value`, a result of one operation, if it is within the limits; everything
        built counts towards what one render may build in all (`WORK_FACTOR` times its
        output budget), so values kept in a list one by one are bounded too."""
        if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
            size = len(value)
            if size > self.max_text:
                raise LimitError(f"the template built a value of {size:,} characters or "
                                 f"items; at most {self.max_text:,} are allowed")
            self.built += size
            if self.built > WORK_FACTOR * self.max_text:
                raise LimitError(f"the template built more than {WORK_FACTOR * self.max_text:,}"
                                 " characters and items in all")
        elif isinstance(value, int) and not isinstance(value, bool) \
                and value.bit_length() > MAX_INT_BITS:
            raise LimitError("the template built a number of more than about 100 digits")
        return value

    def check_text(self, *values: Any) -> None:
        """Refuse to turn `values` into text (output, `~`, `%`, a filter or method
        argument) when the text would be longer than the output budget: a list of ten
        thousand references to one long answer is small, its text is not."""
        total = 0
        for value in values:
            if isinstance(value, str):
                total += len(value)
                continue
            size, visited = text_size_of(value, self.max_text)
            self.tick(visited // 64)
            total += size
        if total > self.max_text:
            raise LimitError(f"the template would write more than {self.max_text:,} "
                             "characters of text")


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def current_budget() -> Budget:
    """The budget of the render in progress; outside one (a template rendered by code
    that does not open a budget), each call gets a fresh default budget."""
    budget = _CURRENT.get()
    return budget if budget is not None else Budget()


@contextmanager
def budget(ops: int = TEMPLATE_OPS, seconds: float = TEMPLATE_SECONDS,
           max_text: int = TEMPLATE_TEXT) -> Iterator[Budget]:
    """Run the block with a budget; a budget already open (a nested render) is kept."""
    active = _CURRENT.get()
    if active is not None:
        yield active
        return
    b = Budget(ops, seconds, max_text)
    token = _CURRENT.set(b)
    try:
        yield b
    finally:
        _CURRENT.reset(token)


_CONTAINERS = (list, tuple, set, frozenset)


def text_size_of(value: Any, limit: int) -> tuple[int, int]:
    """(about how many characters `str(value)` has, how many parts were looked at);
    counting stops once the text is over `limit` or a million parts were looked at."""
    if isinstance(value, str):
        return len(value), 1
    if not isinstance(value, (Mapping, *_CONTAINERS)):
        return 8, 1
    total, visited, todo = 0, 0, [value]
    while todo and total <= limit and visited <= 1_000_000:
        item = todo.pop()
        visited += 1
        if isinstance(item, str):
            total += len(item) + 4  # quotes and a separator
        elif isinstance(item, Mapping):
            total += 2
            visited += len(item)
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, _CONTAINERS):
            total += 2
            visited += len(item)
            todo.extend(item)
        else:
            total += 8
    if todo and visited > 1_000_000:
        total = limit + 1  # too big to look at is too big to write
    return total, visited


def text_size(value: Any, depth: int = 0) -> int:
    """About how many characters of text `value` (a render's context) holds."""
    if isinstance(value, str):
        return len(value)
    if depth > 20:
        return 0
    if isinstance(value, Mapping):
        return sum(text_size(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(text_size(v, depth + 1) for v in value)
    return 0


# --------------------------------------------------------------------------- operations

_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _check_printf(fmt: str) -> None:
    for width, precision in _PRINTF_SPEC.findall(fmt):
        for n in (width, precision):
            if n == "*" or (n and int(n) > MAX_ARG):
                raise LimitError(f"a format width or precision of more than {MAX_ARG:,} "
                                 "(or a '*' width) is not allowed")


def _check_format_spec(fmt: str) -> None:
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format reports the malformed string itself
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise LimitError("a format width given by another field is not allowed")
        for n in re.findall(r"\d+", spec):
            if int(n) > MAX_ARG:
                raise LimitError(f"a format width or precision of more than {MAX_ARG:,} "
                                 "is not allowed")


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


def checked_binop(operator: str, left: Any, right: Any, max_text: int) -> Any:
    """`left <operator> right`, refused before it runs when its result would be too big."""
    ints = (isinstance(left, int) and isinstance(right, int))
    if operator == "**" and ints and right > 0:
        bits = max(abs(left).bit_length() - 1, 0) * right if abs(left) > 1 else 1
        if bits > MAX_INT_BITS:
            raise LimitError(f"{_short(left)} ** {_short(right)} has more than about "
                             "100 digits")
    elif operator == "*":
        if ints:
            if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS + 1:
                raise LimitError("the product has more than about 100 digits")
        else:
            seq, n = (left, right) if _is_sequence(left) else (right, left)
            if _is_sequence(seq) and isinstance(n, int) and len(seq) * max(n, 0) > max_text:
                raise LimitError(f"repeating a text or list {_short(n)} times would give "
                                 f"more than {max_text:,} characters or items")
    elif operator == "+" and _is_sequence(left) and _is_sequence(right):
        if len(left) + len(right) > max_text:
            raise LimitError(f"joining would give more than {max_text:,} characters or items")
    elif operator == "%" and isinstance(left, str):
        _check_printf(left)
        if text_size_of(right, max_text)[0] + len(left) > max_text:
            raise LimitError(f"formatting would give more than {max_text:,} characters")
    result = SandboxedEnvironment.default_binop_table[operator](left, right)
    if isinstance(result, int) and not isinstance(result, bool) \
            and result.bit_length() > MAX_INT_BITS:
        raise LimitError("the result has more than about 100 digits")
    return result


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, (int, float)) else type(value).__name__
    return text if len(text) <= 20 else text[:17] + "..."


def bounded_range(*args: int) -> range:
    """`range()` with at most MAX_RANGE numbers."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise LimitError(f"range() may give at most {MAX_RANGE:,} numbers, not {len(rng):,}")
    return rng


def _int_arg(args: tuple[Any, ...], kwargs: Mapping[str, Any], i: int, key: str,
             default: Any) -> Any:
    return args[i] if len(args) > i else kwargs.get(key, default)


def _width(value: Any) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return abs(value)
    return len(value) if isinstance(value, str) else 0


def check_growth(name: str, value: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any],
                 max_text: int, *, method: bool = False) -> None:
    """Refuse a filter or text method whose result would be too big, before it runs.

    `value` is the filtered value or the text a method belongs to; only the filters and
    methods whose result can grow far beyond their input are checked here (every other
    result is checked after the call).
    """
    if name in ("center", "ljust", "rjust", "zfill"):
        if _width(_int_arg(args, kwargs, 0, "width", 0)) > MAX_ARG:
            raise LimitError(f"a width of more than {MAX_ARG:,} is not allowed")
    elif name in ("batch", "slice"):
        if _width(_int_arg(args, kwargs, 0, "linecount" if name == "batch" else "slices",
                           0)) > MAX_ARG:
            raise LimitError(f"{name} into more than {MAX_ARG:,} parts is not allowed")
    elif name == "tojson":
        if _width(_int_arg(args, kwargs, 0, "indent", None) or 0) > 16:
            raise LimitError("tojson may indent by at most 16")
    elif name == "translate":
        raise LimitError("translate is not available in templates")
    elif name in ("format", "format_map") and method and isinstance(value, str):
        _check_format_spec(value)
    elif not isinstance(value, str) and name != "join":
        return
    elif name == "indent":
        width = _width(_int_arg(args, kwargs, 0, "width", 4))
        if len(value) + (value.count("\n") + 1) * width > max_text:
            raise LimitError(f"indenting would give more than {max_text:,} characters")
    elif name == "expandtabs":
        size = _width(_int_arg(args, kwargs, 0, "tabsize", 8))
        if len(value) + value.count("\t") * size > max_text:
            raise LimitError(f"expanding tabs would give more than {max_text:,} characters")
    elif name == "wordwrap":
        width = max(_width(_int_arg(args, kwargs, 0, "width", 79)), 1)
        wrap = _int_arg(args, kwargs, 2, "wrapstring", None) or "\n"
        lines = len(value) // width + value.count("\n") + 1
        if len(value) + lines * _width(wrap) > max_text:
            raise LimitError(f"wrapping would give more than {max_text:,} characters")
    elif name == "replace":
        old = str(_int_arg(args, kwargs, 0, "old", ""))
        new = str(_int_arg(args, kwargs, 1, "new", ""))
        count = _int_arg(args, kwargs, 2, "count", None)
        hits = value.count(old) if old else len(value) + 1
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        if len(value) + hits * max(len(new) - len(old), 0) > max_text:
            raise LimitError(f"the replacement would give more than {max_text:,} characters")
    elif name == "join":
        # The `join` filter's separator is its first argument; `sep.join(items)` is the
        # method, whose separator is the text itself.
        if method:
            sep, items = value, (args[0] if args else ())
        else:
            sep, items = _int_arg(args, kwargs, 0, "d", ""), value
        if hasattr(items, "__len__") and len(items) * _width(sep) > max_text:
            raise LimitError(f"joining would give more than {max_text:,} characters")


_BUILTIN = (types.BuiltinFunctionType, types.BuiltinMethodType, types.MethodWrapperType,
            types.MethodDescriptorType)


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    # A filter marked pass_context / pass_eval_context / pass_environment gets that
    # object first; the filtered value comes after it.
    offset = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)  # keeps Jinja2's pass_* marker
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        b = current_budget()
        b.tick()
        value = args[offset] if len(args) > offset else None
        rest = args[offset + 1:]
        _check_containers(b, (value, *rest), kwargs)
        check_growth(name, value, rest, kwargs, b.max_text)
        if name == "format" and isinstance(value, str):
            _check_printf(value)
        return b.check_size(func(*args, **kwargs))

    return wrapper


def bounded_concat(parts: Iterable[str]) -> str:
    """Jinja2's `environment.concat` (the output of a render, a block or a macro),
    refusing to build more than the budget's characters."""
    b = current_budget()
    out: list[str] = []
    total = 0
    for part in parts:
        total += len(part)
        if total > b.max_text:
            raise LimitError(f"the template's output is longer than {b.max_text:,} characters")
        out.append(part)
    return "".join(out)


def _budgeted(iterable: Any) -> Iterator[Any]:
    b = current_budget()
    for item in iterable:
        b.tick()
        yield item


def _check_containers(b: Budget, args: Iterable[Any], kwargs: Mapping[str, Any]) -> None:
    """A list or mapping given to a filter or call may be turned into text by it."""
    big = [a for a in (*args, *kwargs.values()) if isinstance(a, (Mapping, *_CONTAINERS))]
    if big:
        b.check_text(*big)


def finalize_output(value: Any) -> Any:
    """Jinja2's `finalize`: every `{{ ... }}` passes here before it becomes text."""
    if not isinstance(value, str):
        current_budget().check_text(value)
    return value


def checked(value: Any) -> Any:
    """A slice (`text[a:b]`, `items[::-1]`), which Jinja2 takes without the sandbox."""
    b = current_budget()
    b.tick()
    return b.check_size(value)


def bounded_join(parts: tuple[Any, ...]) -> str:
    """The `~` operator: its result is checked like any other value."""
    b = current_budget()
    b.tick()
    b.check_text(*parts)
    texts = [str(p) for p in parts]
    if sum(map(len, texts)) > b.max_text:
        raise LimitError(f"joining would give more than {b.max_text:,} characters")
    return "".join(texts)


# --------------------------------------------------------------------------- compile time


def fold(node: nodes.Node, eval_ctx: nodes.EvalContext) -> Any:
    """The value of a constant expression, computed with the limits; raises
    `nodes.Impossible` when it is not constant and `LimitError` when it breaks a limit."""
    if isinstance(node, nodes.BinExpr) and node.operator in INTERCEPTED_BINOPS:
        left, right = fold(node.left, eval_ctx), fold(node.right, eval_ctx)
        try:
            return checked_binop(node.operator, left, right, MAX_CONSTANT)
        except LimitError:
            raise
        except Exception as exc:  # noqa: BLE001 - `1 + 'a'` fails when it runs, as it would
            raise nodes.Impossible() from exc
    if isinstance(node, (nodes.Neg, nodes.Pos)):
        value = fold(node.node, eval_ctx)
        try:
            return -value if isinstance(node, nodes.Neg) else +value
        except Exception as exc:  # noqa: BLE001 - an odd operand is simply not a constant
            raise nodes.Impossible() from exc
    if isinstance(node, (nodes.List, nodes.Tuple)):
        items = [fold(item, eval_ctx) for item in node.items]
        return items if isinstance(node, nodes.List) else tuple(items)
    return node.as_const(eval_ctx)


def node_breach(node: nodes.Node, eval_ctx: nodes.EvalContext) -> str | None:
    """Why `node` alone (an operator, a call or a filter over constants) is over a limit,
    or None when it is within them or not constant."""
    try:
        if isinstance(node, nodes.BinExpr):
            if node.operator == "%" and isinstance(node.left, nodes.Const) \
                    and isinstance(node.left.value, str):
                _check_printf(node.left.value)  # whatever it formats
            if node.operator in INTERCEPTED_BINOPS:
                fold(node, eval_ctx)
        elif isinstance(node, (nodes.Call, nodes.Filter)):
            if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) \
                    and node.node.attr in ("format", "format_map"):
                fmt = _maybe(node.node.node, eval_ctx)
                if isinstance(fmt, str):
                    _check_format_spec(fmt)  # whatever it formats
            if node.dyn_args is not None or node.dyn_kwargs is not None:
                return None
            args = tuple(fold(a, eval_ctx) for a in node.args)
            kwargs = {kw.key: fold(kw.value, eval_ctx) for kw in node.kwargs}
            if isinstance(node, nodes.Filter):
                check_growth(node.name, _maybe(node.node, eval_ctx), args, kwargs, MAX_CONSTANT)
            elif isinstance(node.node, nodes.Name) and node.node.name == "range":
                bounded_range(*args)
            elif isinstance(node.node, nodes.Getattr):
                check_growth(node.node.attr, _maybe(node.node.node, eval_ctx), args, kwargs,
                             MAX_CONSTANT, method=True)
    except nodes.Impossible:
        return None
    except LimitError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - a constant that fails otherwise fails when it runs
        return None
    return None


def _maybe(node: nodes.Node | None, eval_ctx: nodes.EvalContext) -> Any:
    if node is None:
        return None
    try:
        return fold(node, eval_ctx)
    except nodes.Impossible:
        return None


def constant_breach(tree: nodes.Node, environment: Any) -> tuple[int, str] | None:
    """(line, message) of the first constant expression in `tree` over a limit, or None."""
    eval_ctx = nodes.EvalContext(environment)
    for node in [tree, *tree.find_all((nodes.BinExpr, nodes.Call, nodes.Filter))]:
        breach = node_breach(node, eval_ctx)
        if breach is not None:
            return node.lineno, breach
    return None


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles loops, `~` and includes so that the budget sees them."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node = copy.copy(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("budgeted_iter"), [node.iter], [],
                               None, None, lineno=node.iter.lineno)
        super().visit_For(node, frame)

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.checked(")
        super().visit_Getitem(node, frame)
        self.write(")")

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile or frame.eval_ctx.autoescape:
            super().visit_Concat(node, frame)
            return
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _limit(self, node: nodes.Node, frame: Frame) -> None:
        breach = node_breach(node, frame.eval_ctx)
        if breach is not None:
            raise TemplateLimitError("RS043", breach, node.lineno,
                                     "use smaller numbers; see the limits in docs/scripts.md")

    def visit_Pow(self, node: nodes.BinExpr, frame: Frame) -> None:
        self._limit(node, frame)
        super().visit_Pow(node, frame)

    def visit_Mul(self, node: nodes.BinExpr, frame: Frame) -> None:
        self._limit(node, frame)
        super().visit_Mul(node, frame)

    def visit_Add(self, node: nodes.BinExpr, frame: Frame) -> None:
        self._limit(node, frame)
        super().visit_Add(node, frame)

    def visit_Mod(self, node: nodes.BinExpr, frame: Frame) -> None:
        self._limit(node, frame)
        super().visit_Mod(node, frame)

    def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
        self._limit(node, frame)
        super().visit_Filter(node, frame)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        self._limit(node, frame)
        super().visit_Call(node, frame, forward_caller=forward_caller)

    def _no_other_templates(self, node: nodes.Node, what: str) -> None:
        raise TemplateLimitError("RS044", f"cannot {what} another template",
                                 node.lineno, "write everything into this one template "
                                 "(a macro can repeat a part)")

    def visit_Extends(self, node: nodes.Extends, frame: Frame) -> None:
        self._no_other_templates(node, "extend")

    def visit_Include(self, node: nodes.Include, frame: Frame) -> None:
        self._no_other_templates(node, "include")

    def visit_Import(self, node: nodes.Import, frame: Frame) -> None:
        self._no_other_templates(node, "import")

    def visit_FromImport(self, node: nodes.FromImport, frame: Frame) -> None:
        self._no_other_templates(node, "import from")


INTERCEPTED_BINOPS = frozenset({"**", "*", "+", "%"})


class _Bounded:
    """The budget-keeping half of the two environments below (a mixin over a sandbox)."""

    intercepted_binops = INTERCEPTED_BINOPS
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(bounded_concat)  # type: ignore[assignment]
    budgeted_iter = staticmethod(_budgeted)
    bounded_join = staticmethod(bounded_join)
    checked = staticmethod(checked)

    def _bound(self) -> None:
        env: Any = self
        env.globals["range"] = bounded_range
        env.globals.pop("lipsum", None)  # placeholder text on demand: no use in a summary
        for name, func in list(env.filters.items()):
            env.filters[name] = _bounded_filter(name, func)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        b = current_budget()
        b.tick()
        return b.check_size(checked_binop(operator, left, right, b.max_text))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        b = current_budget()
        b.tick()
        _check_containers(b, args, kwargs)
        if isinstance(__obj, _BUILTIN):
            check_growth(getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None),
                         args, kwargs, b.max_text, method=True)
        return b.check_size(super().call(__context, __obj, *args, **kwargs))  # type: ignore[misc]

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)  # type: ignore[misc]
        if wrapped is not None:
            _check_format_spec(value.__self__)
        return wrapped


class BoundedTemplate(Template):
    """A template whose every render runs with a budget (see `Budget`); its output may
    hold `TEMPLATE_TEXT` characters plus four times the text of what it is given."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        values = dict(*args, **kwargs)
        with budget(max_text=TEMPLATE_TEXT + 4 * text_size(values)):
            return super().render(values)


class BoundedEnvironment(_Bounded, ImmutableSandboxedEnvironment):
    """The sandbox templates and conditions are compiled and run in. Immutable: a
    template may read lists and mappings but not change them (no `.append` doubling)."""

    template_class = BoundedTemplate

    def __init__(self, **options: Any) -> None:
        options.setdefault("finalize", finalize_output)
        super().__init__(**options)
        self._bound()
