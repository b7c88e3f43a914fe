"""The reply coder's features: every cue row matches its example and not its counter-example,
and each general feature does what its name says, on sentences a mentor would say."""

from __future__ import annotations

import pytest

from assistant.analysis import features as F
from assistant.analysis.lexicon import LANGS

CUES = F.all_cues()


def _fillers(lang: str) -> list[F.Cue]:
    return [c for c in CUES if c.lang == lang and c.key == "filler"]


def _matches(cue: F.Cue, text: str) -> bool:
    index = F.CueIndex([cue, *_fillers(cue.lang)])
    return any(cue.key in index.keys(F.tokens(s)) for s in F.split_sentences(text))


@pytest.mark.parametrize("cue", [c for c in CUES if c.key != "filler"],
                         ids=lambda c: f"{c.lang}-{c.key}-{c.pattern[:30]}")
def test_each_cue_row_matches_its_example_and_not_its_counter_example(cue):
    assert _matches(cue, cue.match), f"{cue.pattern!r} should match {cue.match!r}"
    assert not _matches(cue, cue.no_match), f"{cue.pattern!r} should not match {cue.no_match!r}"


@pytest.mark.parametrize("cue", [c for c in CUES if c.key == "filler"], ids=lambda c: c.lang)
def test_fillers_are_skipped_before_a_sentence_starts(cue):
    index = F.CueIndex([cue])
    assert index.start(F.tokens(cue.match)) > 0
    assert index.start(F.tokens(cue.no_match)) == 0


def test_every_cue_key_is_described_in_three_languages():
    described = F.cue_table()["describe"]
    for key in {c.key for c in CUES} - {"filler"}:
        assert set(described[key]) == set(LANGS), key
        assert all(described[key][lang].strip() for lang in LANGS)


def test_every_language_has_the_cue_keys_the_others_have():
    keys = {lang: {c.key for c in CUES if c.lang == lang} for lang in LANGS}
    assert keys["en"] == keys["de"] == keys["da"]


@pytest.mark.parametrize("pattern", ["", "^ $", ".. you", "you ..", "ab*"])
def test_bad_patterns_are_refused(pattern):
    with pytest.raises(ValueError):
        F.parse_pattern(pattern)


def test_a_gap_and_a_joined_alternative():
    start, end, items = F.parse_pattern("less .. than|more")
    assert not start and not end
    cue = F.Cue("x", "en", "less .. than", "", "", False, False, items)
    index = F.CueIndex([cue])
    assert "x" in index.keys(F.tokens("it's less about the grade than the name"))
    assert "x" not in index.keys(F.tokens("less of it, as I told her last week, than ever"))
    _, _, joined = F.parse_pattern("see+you|bye")
    cue = F.Cue("y", "en", "see+you|bye", "", "", False, False, joined)
    assert "y" in F.CueIndex([cue]).keys(F.tokens("okay, see you"))
    assert "y" not in F.CueIndex([cue]).keys(F.tokens("I see. You know."))


def _read(text, previous=None, lang="en"):
    return F.Reply.read(text, previous, lang)


def test_question_mark_at_the_end_and_inside():
    assert F.question_mark(_read("You're worried about the review?")) == {
        "ends_question_mark": True}
    assert F.question_mark(_read("Really? Tell me.")) == {
        "question_mark_inside": True, "no_question_mark_at_end": True}
    assert F.question_mark(_read("You're worried.")) == {"no_question_mark_at_end": True}


def test_a_question_after_a_comma():
    got = F.clause_question(_read("If you could keep just one thing, what would it be?"))
    assert got == {"clause:wh_start": True}
    assert F.clause_question(_read("You could keep one thing, and that's fine.")) == {}


def test_cues_of_the_last_of_several_sentences():
    got = F.cues(_read("Here is your plan. Is it what you want?"))
    assert got.get("cueN:aux_start") and not got.get("cue1:aux_start")


def test_several_questions():
    assert F.question_count(_read("What happened? How did you feel?")) == {
        "several_questions": True}
    assert F.question_count(_read("What happened? Tell me.")) == {}


def test_length_buckets():
    assert F.length(_read("Mm-hmm.")) == {"words:1": True}
    assert F.length(_read("You're worried about the review.")) == {"words:4-7": True}


def test_overlap_and_new_words_compare_with_the_mentee():
    said = "I should talk to my manager about the workload."
    mirror = _read("You should talk to your manager about it.", said)
    assert F.overlap(mirror) == {"overlap:high": True}
    assert F.new_words(mirror) == {"new:0": True}
    fresh = _read("It's as if you've outgrown the job entirely.", said)
    assert F.overlap(fresh) == {"overlap:none": True}
    assert F.new_words(fresh) == {"new:3+": True}
    assert F.overlap(_read("You should talk to her.")) == {}  # no mentee words: no feature


def test_echo_start():
    said = "My supervisor hasn't answered my emails in three weeks."
    assert F.echo_start(_read("Three weeks, no answer.", said)) == {
        "echo_start": True}
    assert F.echo_start(_read("Try the graduate office.", said)) == {}


def test_you_and_a_feeling_word():
    said = "The review is on Monday."
    got = F.you_and_feeling(_read("You're worried about the review?", said))
    assert got == {"feeling_word": True, "you_feeling": True, "feeling_not_said": True}
    got = F.you_and_feeling(_read("Du bist frustriert.", "Ich bin so frustriert.", "de"))
    assert got == {"feeling_word": True, "you_feeling": True}
    assert F.you_and_feeling(_read("Send it on Friday.")) == {}


def test_person_of_the_first_sentence_after_fillers():
    assert F.person(_read("So, um, you asked her.")) == {"starts_you": True}
    assert F.person(_read("I'd wait a week.")) == {"starts_i": True}
    assert F.person(_read("Det er svært for dig.", lang="da")) == {"mentions_you": True}


def test_cut_off():
    assert F.cut_off(_read("So you—")) == {"cut_off": True}
    assert F.cut_off(_read("So you went.")) == {}


def test_opening_skips_fillers_and_false_starts():
    got = F.opening(_read("So, um, what, what would help?"))
    assert got == {"first:what": True, "first2:what would": True}


def test_last_word_and_words():
    r = _read("Das war der erste Auftritt, oder", lang="de")
    assert F.last_word(r) == {"last:oder": True}
    assert "w:auftritt" in F.bag_of_words(r)


def test_cues_by_sentence():
    got = F.cues(_read("Well done. Why don't you write it down?"))
    assert {"cue:praise", "cue:why_dont", "cue1:praise"} <= set(got)
    assert "cue1:why_dont" not in got


def test_featurize_is_every_general_feature_together():
    feats = F.featurize("You should talk to your manager about it.",
                        "I should talk to my manager.", "en")
    assert feats["cue:you_should"] and feats["starts_you"] and feats["w:should"]
    assert all(value is True for value in feats.values())
