"""Transcript tests: a dialogue written down as answers and what should appear.

A transcript (YAML, format in docs/scripts.md) names a script and a language and lists
turns: what the current turn should be (`step`, `prompt`, `probe`, `notes`, `error`)
and what the person does (`answer`, `skip`, `back`, `edit`). The runner drives the real
stepper with the real analysis and stops at the first mismatch, reporting it with the
transcript's file and line. `reflect test` and tests/test_transcripts.py use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.diagnostics import LoadError
from ..core.errors import UserError
from ..core.stepper import Stepper, Turn
from ..core.yamlsource import parse
from ..i18n import translation
from .library import Library, analysis_facts
from .summary import render_markdown

TURN_KEYS = {"step", "prompt", "probe", "notes", "error", "answer", "skip", "back", "edit", "kind"}
ACTIONS = ("answer", "skip", "back", "edit")
FIXED_TIME = 1_790_000_000.0  # transcripts render summaries with a fixed date


@dataclass
class TranscriptResult:
    file: str
    failure: str = ""
    stepper: Stepper | None = None
    summary: str = ""
    turns: int = 0
    seen: list[Turn] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failure


def run_transcript(text: str, file: str, library: Library | None = None) -> TranscriptResult:
    library = library or Library()
    result = TranscriptResult(file)
    try:
        src = parse(text, file)
    except LoadError as exc:
        result.failure = str(exc)
        return result
    data = src.data

    def fail(path: tuple, message: str) -> TranscriptResult:
        line, _ = src.at(path)
        result.failure = f"{file}:{line}: {message}"
        return result

    if not isinstance(data, dict) or "script" not in data or "turns" not in data:
        return fail((), "a transcript needs 'script:' and 'turns:'")
    lang = data.get("lang", "en")
    try:
        script = library.script(str(data["script"]), lang)
    except UserError as exc:
        return fail(("script",), exc.message)
    except LoadError as exc:
        return fail(("script",), f"the script does not load:\n{exc}")
    stepper = Stepper(script, lang=lang, facts=analysis_facts(), clock=lambda: FIXED_TIME,
                      words=translation(lang))
    result.stepper = stepper
    turns = data["turns"]
    if not isinstance(turns, list):
        return fail(("turns",), "'turns' must be a list")
    turn = stepper.current()
    for i, item in enumerate(turns):
        path = ("turns", i)
        result.seen.append(turn)
        if not isinstance(item, dict):
            return fail(path, "each turn must be a mapping")
        unknown = set(item) - TURN_KEYS
        if unknown:
            return fail(path, f"unknown keys {sorted(unknown)}; known: {sorted(TURN_KEYS)}")
        problem = _check(turn, item)
        if problem:
            return fail(path, f"turn {i + 1}: {problem}")
        actions = [a for a in ACTIONS if a in item]
        if len(actions) > 1:
            return fail(path, f"turn {i + 1}: give one of {', '.join(ACTIONS)}, not several")
        if not actions:
            continue  # an expectation-only turn
        action = actions[0]
        if turn.kind == "done":
            return fail(path, f"turn {i + 1}: the dialogue is already finished")
        if action == "answer":
            turn = stepper.answer(_value(item["answer"]))
        elif action == "skip":
            turn = stepper.skip()
        elif action == "back":
            turn = stepper.back()
        else:
            turn = stepper.edit(str(item["edit"]))
        result.turns += 1
    finished = data.get("finished")
    if finished is not None and bool(finished) != stepper.finished:
        state = "finished" if stepper.finished else f"still at '{_where(turn)}'"
        return fail(("finished",), f"expected finished: {finished}, but the dialogue is {state}")
    expected = data.get("summary") or []
    lacks = data.get("summary_lacks") or []
    if expected or lacks or stepper.finished:
        try:
            result.summary = render_markdown(library, stepper, {"id": "transcript"})
        except UserError as exc:
            return fail(("summary",), exc.message)
        for j, part in enumerate(expected):
            if str(part) not in result.summary:
                return fail(("summary", j), f"the summary lacks {str(part)!r}")
        for j, part in enumerate(lacks):
            if str(part) in result.summary:
                return fail(("summary_lacks", j), f"the summary should not contain {str(part)!r}")
    return result


def _value(value: Any) -> Any:
    return value


def _where(turn: Turn) -> str:
    if turn.kind == "done":
        return "the end"
    if turn.kind == "probe":
        return f"a follow-up on {turn.step.id if turn.step else '?'}: {turn.prompt!r}"
    return f"{turn.step.id if turn.step else '?'} ({turn.kind}): {turn.prompt!r}"


def _check(turn: Turn, item: dict) -> str:
    if "step" in item:
        actual = turn.step.id if turn.step else "(end)"
        if actual != str(item["step"]):
            return f"expected step '{item['step']}', got {_where(turn)}"
    if "kind" in item and turn.kind != item["kind"]:
        return f"expected a {item['kind']} turn, got {_where(turn)}"
    if "probe" in item:
        if turn.kind != "probe":
            return f"expected a follow-up containing {item['probe']!r}, got {_where(turn)}"
        if str(item["probe"]) not in turn.prompt:
            return f"expected a follow-up containing {item['probe']!r}, got {turn.prompt!r}"
    elif turn.kind == "probe" and "step" in item and "prompt" in item:
        return f"expected the question {item['prompt']!r}, got {_where(turn)}"
    if "prompt" in item and str(item["prompt"]) not in turn.prompt:
        return f"expected a prompt containing {item['prompt']!r}, got {_where(turn)}"
    notes = item.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    shown = [n.text for n in turn.notes]
    for part in notes:
        if not any(str(part) in text for text in shown):
            return f"expected a note containing {part!r}, got {shown or 'no notes'}"
    if "error" in item and str(item["error"]) not in turn.error:
        return f"expected an error containing {item['error']!r}, got {turn.error!r}"
    return ""


def collect(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"no such transcript file or folder: {p}")
    return files


def run_paths(paths: Iterable[str | Path], library: Library | None = None
              ) -> tuple[list[str], int]:
    library = library or Library()
    failures = []
    files = collect(paths)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            failures.append(f"{path}: cannot read: {exc}")
            continue
        result = run_transcript(text, str(path), library)
        if result.failure:
            failures.append(result.failure)
    return failures, len(files)
