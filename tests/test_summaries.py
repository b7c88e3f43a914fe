"""Every bundled summary, in English, German and Danish, rendered from real answers.

Each script's summary is rendered from the answers of each of its transcripts: after the
first answers (most sections still open), half-way, and finished. The pair summary is
rendered from a whole pair evaluation in each language. The renders are Markdown
snapshots in tests/__snapshots__/test_summaries/, one file per script and language, so
a change to a template or its translations shows as a diff to read by eye;
`pytest tests/test_summaries.py --snapshot-update` writes them anew once it has been read.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from assistant.services.content import rules_dir
from assistant.services.library import Library
from assistant.services.pair import PairService
from assistant.services.summary import render_markdown
from assistant.services.transcript import FIXED_TIME, run_transcript

ROOT = Path(__file__).resolve().parent
TRANSCRIPTS = ROOT / "transcripts"
LANGS = ("en", "de", "da")
SCRIPTS = sorted(p.name for p in TRANSCRIPTS.iterdir() if p.is_dir())


class MarkdownSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "md"


@pytest.fixture
def md_snapshot(snapshot, monkeypatch):
    # Summaries are dated in local time: the same day wherever the tests run.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield snapshot.use_extension(MarkdownSnapshot)
    monkeypatch.undo()
    time.tzset()


def _render_after(library: Library, path: Path, turns: int | None) -> str:
    """The summary of the transcript's session after its first `turns` turns (all of
    them with None), as the person would see it when pausing there."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if turns is not None:
        data["turns"] = data["turns"][:turns]
        for key in ("finished", "summary", "summary_lacks"):
            data.pop(key, None)
    result = run_transcript(yaml.safe_dump(data, allow_unicode=True), str(path), library)
    assert result.ok, result.failure
    assert result.stepper is not None
    return render_markdown(library, result.stepper, {"id": "transcript"})


def renders(library: Library, script_id: str, lang: str) -> str:
    parts = []
    for path in sorted((TRANSCRIPTS / script_id).glob(f"{lang}-*.yaml")):
        count = len(yaml.safe_load(path.read_text(encoding="utf-8"))["turns"])
        for label, turns in (("after 3 turns", 3), ("half-way", count // 2),
                             ("finished", None)):
            parts.append(f"<!-- {path.name}, {label} -->\n\n"
                         + _render_after(library, path, turns))
    assert parts, f"no {lang} transcript for {script_id}"
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("script_id", SCRIPTS)
def test_summary_renders(library: Library, script_id: str, lang: str, md_snapshot) -> None:
    assert renders(library, script_id, lang) == md_snapshot


# mini script: welcome, meetings (scale), trust (scale), goals-clear, feedback (yes/no),
# went-well, change (text), review
ANA = [None, 4, 5, True, True, "Ana: good talks", "Ana: nothing", True]
BEN = [None, 2, 4, False, True, "Ben: clear goals", "Ben: meet more often", True]


def _pair_summary(store, lang: str, joint_answers: list) -> str:
    service = PairService(store, Library(prompts=ROOT / "fixtures" / "pair", rules=rules_dir()),
                          clock=lambda: FIXED_TIME)
    pair = service.create("evaluation-mini", lang, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    for member, answers in ((ana, ANA), (ben, BEN)):
        d = service.dialogue(pair, member)
        turn = d.current()
        for value in answers:
            turn = service.preanswer(d, member, turn)
            turn = d.answer(value)
    joint = service.joint(pair)
    for value in joint_answers:
        joint.answer(value)
    return service.summary(pair).replace(pair.code, "CODE")  # the code is drawn at random


@pytest.mark.parametrize("lang", LANGS)
def test_pair_summary_renders(store, lang: str, md_snapshot) -> None:
    agreed = _pair_summary(store, lang, [None, "- Meet every second week\n- Ben brings "
                                         "questions", "2025-10-01", True])
    assert agreed == md_snapshot


@pytest.mark.parametrize("lang", LANGS)
def test_pair_summary_renders_before_anything_is_agreed(store, lang: str, md_snapshot) -> None:
    assert _pair_summary(store, lang, []) == md_snapshot
