"""The trained reply coder: shipped as data, never stale, applied exactly as trained,
explained in plain words, and right on the replies the issue quoted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.analysis import code_reply
from assistant.analysis import replies as R
from assistant.analysis import train as T
from assistant.analysis.evaluate import grouped_folds, model_report, reply_examples
from assistant.analysis.lexicon import LANGS


def test_the_shipped_model_is_not_stale_against_its_data_and_features():
    shipped = json.loads(T.model_path().read_text(encoding="utf-8"))
    assert set(shipped["langs"]) == set(LANGS)
    # The model file and every language's weights file were written by one training run.
    assert T.shipped_hashes() == [T.data_hash()] * (1 + len(LANGS)), \
        "retrain: python -m assistant.analysis.train"


def test_the_hash_moves_when_the_training_data_moves(monkeypatch):
    from assistant.analysis import evaluate

    before = T.data_hash()
    real = evaluate._data
    monkeypatch.setattr(evaluate, "_data", lambda name: real(name) + "\n# one more line\n")
    assert T.data_hash() != before


def test_train_check_passes_on_the_shipped_model():
    ok = subprocess.run([sys.executable, "-m", "assistant.analysis.train", "--check"],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize(("reply", "code"), [
    ("You should talk to your manager about it.", "advice"),
    ("It's as if you've outgrown the job", "complex_reflection"),
    ("You're worried about the review?", "simple_reflection"),
])
def test_the_three_replies_quoted_in_the_issue(reply, code):
    said = "I should talk to my manager about the review, I've been worried about it all week."
    assert code_reply(reply, previous=said, lang="en").code == code
    assert code_reply(reply, lang="en").code == code


def test_logistic_regression_learns_which_feature_points_to_which_code():
    # "w:should" goes with advice, "w:feel" with a reflection, "w:great" with an
    # affirmation; "w:you" is in every reply and so decides nothing.
    data = ([({"w:you": True, "w:should": True}, "advice")] * 6
            + [({"w:you": True, "w:feel": True}, "simple_reflection")] * 6
            + [({"w:you": True, "w:great": True}, "affirmation")] * 6)
    model = R.LangModel.of(T.train_logistic(data))
    assert R.classify(model, {"w:should": True})[0] == "advice"
    assert R.classify(model, {"w:you": True, "w:feel": True})[0] == "simple_reflection"
    assert R.classify(model, {"w:great": True, "w:unseen": True})[0] == "affirmation"
    assert model.weights("w:unseen") is None


def test_the_app_scores_a_reply_with_the_shipped_weights():
    raw = R.shipped_model("da")
    model = R.lang_model("da")
    e = next(e for e in reply_examples("da") if e.split == "heldout")
    feats = T.featureset(e)
    want = list(raw["bias"])
    for name in feats:
        for i, w in enumerate(raw["weights"].get(name, ())):
            want[i] += w
    got = R.scores(model, feats)
    assert got == pytest.approx(want, abs=1e-3)
    best = max(range(len(want)), key=want.__getitem__)
    assert code_reply(e.reply, previous=e.said, lang="da").code == raw["labels"][best]


def test_coding_a_german_reply_parses_only_the_german_weights(monkeypatch):
    read: list[str] = []
    real = R._data

    def spy(name: str):  # type: ignore[no-untyped-def]
        read.append(name)
        return real(name)

    monkeypatch.setattr(R, "_data", spy)
    R.lang_model.cache_clear()
    try:
        assert code_reply("Du solltest sie fragen.", lang="de").code
    finally:
        R.lang_model.cache_clear()
    models = [n for n in read if n.startswith("reply_model")]
    assert models == ["reply_model_de.json"]


def test_training_is_deterministic():
    examples = T.examples_for("da", "tune")
    assert T.train("da", examples) == T.train("da", examples)


def test_folds_never_split_a_conversation():
    examples = [e for e in reply_examples("en") if e.split == "tune"]
    for train, test in grouped_folds(examples):
        assert {e.conversation for e in train}.isdisjoint({e.conversation for e in test})
        assert train and test


def test_model_report_has_cv_and_held_out_figures_per_language():
    lines = model_report(["da"])
    row = next(line for line in lines if line.startswith("da "))
    figures = [float(x) for x in row.split()[1:5]]
    assert all(0.5 < f <= 1.0 for f in figures), row


def test_every_code_comes_with_its_reason_in_three_languages():
    got = code_reply("You could ask her for a short meeting on Monday.",
                     previous="I never know how to talk to my manager.", lang="en")
    assert got.code == "advice" and got.evidence
    texts = {lang: got.reason_for(lang) for lang in LANGS}
    assert texts["en"].startswith("Weighed most: ")
    assert texts["de"].startswith("Am stärksten ins Gewicht fiel: ")
    assert texts["da"].startswith("Vejede tungest: ")
    assert "not:" not in " ".join(texts.values())  # absences are never shown as reasons


def test_no_words_is_other_and_says_so():
    got = code_reply("  …  ")
    assert got.code == "other" and got.reason_for("de").startswith("Die Antwort enthält keine")


def test_the_coder_imports_no_nltk():
    code = ("import sys; from assistant.analysis.replies import code_clean;"
            "code_clean('You should ask her.', None, 'en', 'I never ask.');"
            "print('nltk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_a_huge_reply_of_commas_and_dashes_is_coded_without_hanging():
    # One sentence of 50,000 commas once cost time quadratic in its length.
    code = ("from assistant.analysis import code_reply;"
            "print(code_reply('word, ' * 50000 + '?', previous='I said so.', lang='en').code,"
            " code_reply('- ' * 50000 + 'right?', lang='de').code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert all(c in R.QUESTION_CODES + ("simple_reflection", "complex_reflection", "other",
                                        "affirmation", "advice", "information")
               for c in out.stdout.split())
