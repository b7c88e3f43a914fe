"""The trained reply coder: shipped as data, never stale, applied exactly as nltk would,
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
    assert shipped["hash"] == T.data_hash(), "retrain: python -m assistant.analysis.train"
    assert set(shipped["langs"]) == set(LANGS)


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


def test_the_small_scorer_gives_nltks_own_answer():
    """The exported weights decide exactly as nltk's NaiveBayesClassifier does."""
    from nltk.classify import NaiveBayesClassifier

    examples = [e for e in reply_examples("da") if e.split == "tune"]
    data = T.prune([(T.featureset(e), e.code) for e in examples])
    nltk_model = NaiveBayesClassifier.train(data)
    raw = T.export_naive_bayes(nltk_model, sorted({f for d, _ in data for f in d}))
    ours = R.LangModel(tuple(raw["labels"]), tuple(raw["bias"]),
                       {k: tuple(v) for k, v in raw["weights"].items()})
    held = [e for e in reply_examples("da") if e.split == "heldout"][:200]
    for e in held:
        feats = {f: v for f, v in T.featureset(e).items() if f in ours.weights}
        dist = nltk_model.prob_classify(feats)
        best = max(sorted(dist.samples()), key=dist.prob)
        got, _, scores = R.classify(ours, feats)
        if dist.prob(best) - sorted(dist.prob(s) for s in dist.samples())[-2] > 1e-6:
            assert got == best, e.reply


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


def test_offsets_are_shipped_for_english_and_danish_only():
    shipped = json.loads(T.model_path().read_text(encoding="utf-8"))["langs"]
    assert any(shipped["en"]["offsets"]) and any(shipped["da"]["offsets"])
    assert not any(shipped["de"]["offsets"])
    # The app's scores include them: the bias the scorer uses is nltk's plus the offset.
    model = R.lang_model("en")
    assert model.bias == tuple(b + o for b, o in zip(shipped["en"]["bias"],
                                                      shipped["en"]["offsets"], strict=True))


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
