"""Summaries: turn a finished (or paused) dialogue into a document.

The Markdown summary is a Jinja2 template beside the script (`<id>.md.j2`), one for
every language: its words are looked up in the `summary:` table of the script's string
table for the session's language. It is rendered in a sandbox with the answers passed
as *values*: an answer containing `{{ 7*7 }}` is printed as typed, never evaluated.
Answers reach a template as Markdown *text* (`core.safe_text.markdown_text`: controls
made visible, every character that could start Markdown or HTML escaped), so an answer
holding an image, a link, `<script>` or a `# heading` shows as the person's words in the
`.md` file in any viewer and in the HTML page. `--format json` gives the answers exactly
as typed and the facts, with the characters that could reorder or disturb a display
written as JSON escapes; `--format html` a standalone page made from the Markdown with
raw HTML disabled.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections.abc import Callable
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ..core.errors import UserError
from ..core.model import ANSWERABLE
from ..core.safe_text import json_text, markdown_text
from ..core.sandbox import LimitError
from ..core.stepper import PRIVATE_FLAGS, Stepper, Visit
from .library import Library
from .templates import compile_template, environment, translations

FORMATS = ("md", "json", "html")


def _env() -> SandboxedEnvironment:
    """The shared summary environment (kept under this name for older callers)."""
    return environment()


#: How a person's text is given to a template (`markdown_text`) or to JSON (as typed).
Text = Callable[[Any], str]


def _entry(stepper: Stepper, visit: Visit, text: Text) -> dict[str, Any]:
    step = stepper.script.step(visit.step)
    value = visit.value
    if step.kind == "text" and isinstance(value, str):
        value = text(value)  # the words themselves; other values are the script's own
    return {
        "step": step.id,
        "key": step.key,
        "kind": step.kind,
        "prompt": step.prompt,
        "visit": visit.n,
        "skipped": visit.skipped,
        "value": value,
        "answer": "" if visit.skipped else text(stepper.display(step, visit)),
        "probes": [{"rule": p.rule, "question": p.question, "answer": text(p.text)}
                   for p in visit.probes if p.text],
        "facts": dict(visit.facts),
        "tags": list(step.tags),
        "at": visit.at,
    }


def context(stepper: Stepper, session: dict[str, Any] | None = None, *,
            text: Text = markdown_text) -> dict[str, Any]:
    """Everything a summary template may use. Documented in docs/scripts.md.

    What a person typed (answers, follow-ups, the session's title) goes through `text`:
    Markdown text for a template, unchanged for JSON.

    A summary is meant for sharing: an answer a rule marked private (the safety notice
    fired on it) is left out, with its follow-ups and notes, unless the person kept it
    (`Stepper.keep`); `withheld` counts what was left out."""
    shared = [v for v in stepper.live_visits() if not v.private]
    withheld = sum(1 for v in stepper.live_visits() if v.private)
    entries = [_entry(stepper, v, text) for v in shared
               if stepper.script.step(v.step).kind in ANSWERABLE]
    answers: dict[str, Any] = {}
    values: dict[str, Any] = {}
    every: dict[str, list[str]] = {}
    probes: dict[str, list[dict[str, str]]] = {}
    facts: dict[str, Any] = {}
    for e in entries:
        answers[e["key"]] = e["answer"] or None
        values[e["key"]] = e["value"]
        every.setdefault(e["key"], [])
        if e["answer"]:
            every[e["key"]].append(e["answer"])
        probes.setdefault(e["key"], []).extend(e["probes"])
        facts[e["key"]] = e["facts"]
    for v in stepper.live_visits():
        step = stepper.script.step(v.step)
        if v.private and step.kind in ANSWERABLE and step.key not in answers:
            # As if unanswered, so a template that names the answer still renders.
            answers[step.key] = values[step.key] = None
            every[step.key], probes[step.key], facts[step.key] = [], [], {}
    variables, flags = stepper.variables()
    if not any(f in PRIVATE_FLAGS for v in shared for f in v.flags):
        flags = [f for f in flags if f not in PRIVATE_FLAGS]  # the flag alone would tell
    notes = [{"kind": n.kind, "text": n.text, "rule": n.rule}
             for v in shared for n in v.notes]
    last = max((e["at"] for e in entries), default=0.0) or None
    when = _dt.datetime.fromtimestamp(last) if last else _dt.datetime.now()
    return {
        "script": {"id": stepper.script.id, "title": stepper.script.title,
                   "purpose": stepper.script.purpose},
        "session": {k: text(v) if k == "title" and isinstance(v, str) else v
                    for k, v in (session or {}).items()},
        "lang": stepper.lang,
        "finished": stepper.finished,
        "date": when.strftime("%Y-%m-%d"),
        "answers": answers,
        "values": values,
        "every": every,
        "probes": probes,
        "facts": facts,
        "entries": entries,
        "superseded": [_entry(stepper, v, text) for v in stepper.superseded
                       if v.answered and not v.private],
        "withheld": withheld,
        "flags": flags,
        "vars": variables,
        "notes": notes,
    }


def render_markdown(library: Library, stepper: Stepper, session: dict[str, Any] | None = None
                    ) -> str:
    text, name = library.template(stepper.script, stepper.lang)
    try:
        template = compile_template(text)
        words = translations(library.summary_texts(stepper.script, stepper.lang))
        return template.render({**context(stepper, session), **words}).strip() + "\n"
    except LimitError as exc:
        raise UserError(f"the summary template {name}{_line(exc)} went over a limit: {exc}",
                        "make it do less work; the limits are in docs/scripts.md") from None
    except TemplateError as exc:
        raise UserError(f"the summary template {name}{_line(exc)} failed: {exc}",
                        "run `reflect validate` on it and fix the line it names") from None
    except (ArithmeticError, RecursionError, MemoryError, TypeError, ValueError,
            LookupError, AttributeError) as exc:
        # What a template can do wrong beyond Jinja2's own errors: a macro that calls
        # itself, a float that overflows, a value of the wrong type for an operator.
        raise UserError(f"the summary template {name}{_line(exc)} failed: {_describe(exc)}",
                        "check the expressions on that line; `reflect validate` checks "
                        "a template's syntax and limits, not what it does with answers"
                        ) from None


def _line(exc: BaseException) -> str:
    """' (line N)' of the template line that failed: Jinja2 rewrites the traceback so
    that a template's frames carry its own line numbers."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {line})" if line else ""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "a macro or loop calls itself without end"
    if isinstance(exc, OverflowError):
        return "a number is too large"
    if isinstance(exc, MemoryError):
        return "it needs more memory than there is"
    text = str(exc)
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def render_json(stepper: Stepper, session: dict[str, Any] | None = None) -> str:
    ctx = context(stepper, session, text=str)
    return json_text(json.dumps(ctx, ensure_ascii=False, indent=2, default=str)) + "\n"


PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto;
        padding: 0 1rem; line-height: 1.5; color: #222; }}
blockquote {{ border-left: 4px solid #8aa; margin: 0.5rem 0; padding: 0.2rem 1rem;
              color: #333; background: #f5f8f8; }}
h1, h2 {{ line-height: 1.2; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.3rem; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def render_html(library: Library, stepper: Stepper, session: dict[str, Any] | None = None
                ) -> str:
    from markdown_it import MarkdownIt

    md = render_markdown(library, stepper, session)
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(md)
    return PAGE.format(lang=stepper.lang, title=html.escape(stepper.script.title), body=body)


def render(fmt: str, library: Library, stepper: Stepper, session: dict[str, Any] | None = None
           ) -> str:
    if fmt == "md":
        return render_markdown(library, stepper, session)
    if fmt == "json":
        return render_json(stepper, session)
    if fmt == "html":
        return render_html(library, stepper, session)
    raise UserError(f"unknown format '{fmt}'", "use md, json or html")
