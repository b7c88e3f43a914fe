"""Transcript tests of the practice scenarios: a mentor's replies, coded by the real coder,
and what the scripted mentee must answer to each (the start of the line), on which turn.

Each file in tests/practice_transcripts names a language and a scenario; a step is a
`reply` with the expected `mentee` line, and optionally the `turn` the mentee is on
afterwards or `ended: true`. The replies are plain cases of their kind, so the test says
what the scenario does with a move, in the language it is written in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.core.practice import Practice
from assistant.services.practice import analysis_coder, load_bank

FILES = sorted((Path(__file__).parent / "practice_transcripts").glob("*.yaml"))


def test_there_is_a_transcript_in_every_language() -> None:
    langs = {yaml.safe_load(f.read_text("utf-8"))["lang"] for f in FILES}
    assert langs == {"en", "de", "da"}


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_practice_transcript(path: Path) -> None:
    spec = yaml.safe_load(path.read_text("utf-8"))
    scenario = load_bank(spec["lang"]).get(spec["scenario"])
    assert scenario is not None, spec["scenario"]
    practice = Practice([scenario], analysis_coder(), spec["lang"])
    for i, step in enumerate(spec["steps"], 1):
        fb = practice.reply(step["reply"])
        where = f"{path.name} step {i} ({step['reply']!r}, coded {fb.code.code})"
        assert fb.turn.mentee.startswith(step["mentee"]), f"{where}: {fb.turn.mentee!r}"
        if "turn" in step:
            assert fb.turn.turn_id == step["turn"], where
        assert fb.turn.ended == bool(step.get("ended")), where
