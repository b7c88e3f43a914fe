"""The safety part of `python -m assistant.analysis.evaluate`: parsing, figures, held-out rule."""

from __future__ import annotations

import pytest

from assistant.analysis.evaluate import main
from assistant.analysis.safety_eval import HELD_OUT, SPLITS, parse_statements, score

SAMPLE = """
concerning:
  wish_to_die:
    - honestly i don't want to be alive anymore
    - the weather is nice today
  harassment:
    - my manager screamed at me in front of the whole team again
ordinary:
  - this project is killing me, but we'll make the deadline
  - i want to die, he said, and then the whole cinema laughed
"""


def test_statements_are_read_by_topic_and_ordinary():
    items = parse_statements(SAMPLE, "en", "tune", "sample.yaml")
    assert [i.label for i in items] == ["wish_to_die", "wish_to_die", "harassment",
                                        "ordinary", "ordinary"]


def test_an_unknown_topic_names_the_file():
    with pytest.raises(ValueError, match=r"sample\.yaml: unknown topic 'weather'"):
        parse_statements("concerning:\n  weather: [rain]\n", "en", "tune", "sample.yaml")


def test_recall_and_false_alarms_are_counted_per_topic():
    got = score(parse_statements(SAMPLE, "en", "tune", "sample.yaml"), "en", "tune")
    # The second "wish_to_die" line is a deliberate miss, the quote without a film cue
    # a deliberate false alarm: the figures must show both.
    assert (got.noticed, got.concerning) == (2, 3)
    assert got.by_label == {"wish_to_die": [1, 2], "harassment": [1, 1]}
    assert (got.false_alarms, got.ordinary) == (1, 2)
    assert got.alarm_topics == {"self_harm": 1}
    assert got.recall == pytest.approx(2 / 3) and got.false_alarm_rate == pytest.approx(0.5)


def test_cli_reports_each_language_and_split_and_never_lists_held_out_misses(capsys):
    assert main(["--safety", "--lang", "da", "--errors"]) == 0
    out = capsys.readouterr().out
    for split in SPLITS:
        assert f"== da / {split}: safety notice ==" in out
    assert out.count("(held out: only scored, its misses are not listed)") == len(HELD_OUT)
    for section in out.split("\n== ")[1:]:
        if section.split(":")[0].split(" / ")[1] in HELD_OUT:
            assert "! missed" not in section and "! alarm" not in section
    last = out.strip().splitlines()[-1]
    assert last.startswith("safety recall / false alarms: da/tune ")


def test_a_safety_split_is_refused_without_safety(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--split", "heldout2"])
    assert stop.value.code == 2
    assert "add --safety" in capsys.readouterr().err


def test_the_held_out_figures_in_the_docs_are_the_measured_ones():
    """docs/analysis.md states heldout2's end figures; a change to the detector must
    update them (they are what the project claims about the notice)."""
    import re
    from pathlib import Path

    from assistant.analysis.safety_eval import score_safety

    doc = (Path(__file__).parents[1] / "docs" / "analysis.md").read_text(encoding="utf-8")
    for lang in ("en", "de", "da"):
        row = re.search(rf"^\| {lang} \| [^|]+ \| \*\*([0-9.]+) \((\d+)/(\d+)\) / "
                        rf"([0-9.]+) \((\d+)/(\d+)\)\*\* \|", doc, re.M)
        assert row, f"no heldout2 row for {lang} in docs/analysis.md"
        s = score_safety(lang, "heldout2")
        assert (int(row[2]), int(row[3]), int(row[5]), int(row[6])) == (
            s.noticed, s.concerning, s.false_alarms, s.ordinary), lang
        assert row[1] == f"{s.recall:.3f}" and row[4] == f"{s.false_alarm_rate:.3f}"
