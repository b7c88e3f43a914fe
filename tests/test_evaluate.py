"""The evaluation script's own bookkeeping: the `style` key and the outside figures."""

from __future__ import annotations

import pytest

from assistant.analysis.evaluate import main, outside_figures, parse_reply_examples
from assistant.analysis.model import REPLY_CODES

SAMPLE = """
- said: "I can't sleep."
  split: tune
  replies: |
    open_question | What keeps you awake?
    other | Mm-hmm.
- said: "Um, I've been, like, drinking a bit more."
  split: heldout
  style: spoken
  replies: |
    closed_question+leading | You know that's too much, right?
    complex_reflection | It's become, uh, your way of switching off.
"""


def test_style_defaults_to_written_and_is_read_per_group():
    examples = parse_reply_examples(SAMPLE, "en", "sample.yaml")
    assert [e.style for e in examples] == ["written", "written", "spoken", "spoken"]
    assert [e.split for e in examples] == ["tune", "tune", "heldout", "heldout"]
    assert examples[2].modifiers == frozenset({"leading"})


def test_unknown_style_names_the_file_and_the_statement():
    bad = SAMPLE.replace("style: spoken", "style: sung")
    with pytest.raises(ValueError, match=r"sample\.yaml: bad style 'sung'.*drinking"):
        parse_reply_examples(bad, "en", "sample.yaml")


def test_four_kinds_and_open_vs_closed():
    gold = ["open_question", "closed_question", "closed_question", "open_question",
            "simple_reflection", "affirmation", "advice", "information"]
    pred = ["open_question", "open_question", "simple_reflection", "closed_question",
            "complex_reflection", "other", "information", "other"]
    got = outside_figures(gold, pred)
    # Kinds right: q/q, q/q, r/r, other/other (affirmation), adv-info/adv-info -> 6 of 8;
    # wrong: closed -> reflection, information -> other.
    assert got["four_kinds"] == pytest.approx(6 / 8) and got["n"] == 8
    # Gold questions: open->open ok, closed->open wrong, closed->reflection ok (not open),
    # open->closed wrong -> 2 of 4.
    assert got["open_closed"] == pytest.approx(2 / 4) and got["n_questions"] == 4


def test_outside_figures_on_nothing_are_zero_with_zero_counts():
    assert outside_figures([], []) == {"four_kinds": 0.0, "n": 0, "open_closed": 0.0,
                                       "n_questions": 0}


def test_cli_keeps_macro_f1_as_the_last_line(capsys):
    assert main(["--lang", "en", "--split", "tune", "--style", "spoken", "--no-model-report"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("macro-F1: en/tune ")
    assert lines[-2].startswith("four kinds / open vs closed: en/tune ")
    assert any(line.startswith("== en / tune, spoken: reply codes") for line in lines)


def test_errors_are_listed_for_the_tune_split_only(capsys):
    """Held-out examples are scored, never read while tuning: `--errors` skips them."""
    assert main(["--lang", "de", "--split", "heldout", "--errors", "--no-model-report"]) == 0
    out = capsys.readouterr().out
    assert "errors are listed for --split tune only" in out
    assert "\n  ! " not in out
    assert main(["--lang", "de", "--split", "tune", "--errors", "--no-model-report"]) == 0
    assert "errors are listed" not in capsys.readouterr().out


CONVERSATIONS = """
- conversation: en-c001
  said: "I keep missing the stand-up."
  split: tune
  style: spoken
  replies: |
    open_question | What gets in the way in the mornings?
- conversation: en-c001
  said: "It's the school run, mostly."
  split: tune
  style: spoken
  replies: |
    simple_reflection | The school run.
- said: "I got the job."
  split: heldout
  replies: |
    affirmation | You worked hard for that.
"""


def test_turns_of_a_conversation_share_its_id_and_a_lone_statement_is_its_own():
    examples = parse_reply_examples(CONVERSATIONS, "en", "conv.yaml")
    assert [e.conversation for e in examples] == ["en-c001", "en-c001", "conv.yaml#3"]


def test_a_conversation_split_across_tune_and_heldout_is_refused():
    bad = CONVERSATIONS.replace("split: tune\n  style: spoken\n  replies: |\n    simple",
                                "split: heldout\n  style: spoken\n  replies: |\n    simple")
    with pytest.raises(ValueError, match=r"conv\.yaml: conversation 'en-c001' has turns in two"):
        parse_reply_examples(bad, "en", "conv.yaml")


def test_the_shipped_examples_have_enough_spoken_conversations_per_language():
    from assistant.analysis.evaluate import reply_examples

    for lang, least in (("en", 1500), ("de", 600), ("da", 600)):
        spoken = [e for e in reply_examples(lang) if e.conversation.startswith(f"{lang}-c")]
        assert len(spoken) >= least, lang
        assert {e.code for e in spoken} == set(REPLY_CODES)
        # Held out by conversation: no conversation has rows on both sides.
        held = {e.conversation for e in spoken if e.split == "heldout"}
        tuned = {e.conversation for e in spoken if e.split == "tune"}
        assert held and tuned and not held & tuned
