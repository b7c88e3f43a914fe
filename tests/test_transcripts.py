"""Every transcript under tests/transcripts passes, and together they cover every branch,
every conditional step and every rule of every bundled script, in every language.

Coverage targets per (script, language):
- `show:<step>` / `hide:<step>` for each step with a `when` (asked in one run, passed over
  in another);
- `next:<step>-><target>` for each branch of a step's `next`, and `next:<step>->default`
  when the step also has a fall-through;
- `rule:<id>` for each rule (probe, tip, notice) of the script's rule sets that applies to
  at least one of its steps. Rules over facts the analysis does not provide yet (the
  safety facts, until they are wired) are listed as pending rather than failing.

Run `pytest tests/test_transcripts.py -s -k coverage` to see the table.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path

import pytest

from assistant.core import LANGS
from assistant.core.facts import FACTS
from assistant.core.model import Script
from assistant.services.library import Library
from assistant.services.transcript import TranscriptResult, collect, run_transcript

ROOT = Path(__file__).resolve().parent
TRANSCRIPTS = ROOT / "transcripts"
FILES = collect([TRANSCRIPTS])
FACT_RE = re.compile(r"facts\.(\w+)")


@lru_cache(maxsize=1)
def library() -> Library:
    return Library()


@cache
def result_of(path: Path) -> TranscriptResult:
    return run_transcript(path.read_text(encoding="utf-8"), str(path), library())


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_transcript_passes(path: Path) -> None:
    result = result_of(path)
    assert result.ok, result.failure
    assert result.summary.startswith("# "), "a finished transcript renders its summary"


def test_every_script_has_transcripts_in_every_language() -> None:
    for script_id in library().script_ids():
        for lang in LANGS:
            found = list((TRANSCRIPTS / script_id).glob(f"{lang}-*.yaml"))
            assert found, f"no {lang} transcript for {script_id}"


# ---------------------------------------------------------------------------- coverage


def targets(script: Script) -> tuple[set[str], set[str]]:
    """(required targets, pending targets) of a script."""
    required: set[str] = set()
    pending: set[str] = set()
    for step in script.steps:
        if step.when is not None:
            required |= {f"show:{step.id}", f"hide:{step.id}"}
        if step.next:
            for branch in step.next:
                required.add(f"next:{step.id}->{branch.goto}")
            if all(b.when is not None for b in step.next):
                required.add(f"next:{step.id}->default")
    for rule in script.rules:
        if not any(rule.applies_to(step) for step in script.steps):
            continue
        unknown = set(FACT_RE.findall(rule.when.source)) - set(FACTS)
        (pending if unknown else required).add(f"rule:{rule.id}")
    return required, pending


def covered_by(result: TranscriptResult) -> set[str]:
    stepper = result.stepper
    assert stepper is not None
    script = stepper.script
    out: set[str] = set()
    visits = stepper.path + stepper.superseded
    seen_steps = {v.step for v in visits if v.answered or v.skipped}
    for step in script.steps:
        if step.when is not None:
            if step.id in seen_steps:
                out.add(f"show:{step.id}")
            elif stepper.finished:
                out.add(f"hide:{step.id}")
    path = stepper.path
    for here, there in zip(path, path[1:], strict=False):
        step = script.step(here.step)
        if not step.next:
            continue
        gotos = {b.goto for b in step.next}
        if there.step in gotos:
            out.add(f"next:{step.id}->{there.step}")
        else:
            out.add(f"next:{step.id}->default")
    for visit in visits:
        out |= {f"rule:{rule}" for rule in visit.fired}
    return out


def coverage() -> dict[tuple[str, str], dict[str, set[str]]]:
    table: dict[tuple[str, str], dict[str, set[str]]] = {}
    hits: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in FILES:
        result = result_of(path)
        if result.ok and result.stepper is not None:
            hits[(result.stepper.script.id, result.stepper.lang)] |= covered_by(result)
    for script_id in library().script_ids():
        for lang in LANGS:
            required, pending = targets(library().script(script_id, lang))
            got = hits[(script_id, lang)]
            table[(script_id, lang)] = {
                "required": required,
                "covered": required & got,
                "missing": required - got,
                "pending": pending,
            }
    return table


def test_coverage_of_branches_and_rules() -> None:
    table = coverage()
    total = sum(len(row["required"]) for row in table.values())
    done = sum(len(row["covered"]) for row in table.values())
    pending = sorted({t for row in table.values() for t in row["pending"]})
    print(f"\ntranscript coverage: {done}/{total} targets in {len(FILES)} transcripts")
    for (script_id, lang), row in sorted(table.items()):
        print(f"  {script_id:24} {lang}  {len(row['covered']):3}/{len(row['required']):<3}"
              f"  {' '.join(sorted(row['covered']))}")
    if pending:
        print("  pending (facts not provided by the analysis yet): " + ", ".join(pending))
    missing = {key: sorted(row["missing"]) for key, row in table.items() if row["missing"]}
    assert not missing, f"not covered by any transcript: {missing}"
