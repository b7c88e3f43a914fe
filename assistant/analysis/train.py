"""Train the reply coder: `python -m assistant.analysis.train [--check]`.

For each language, every labelled reply of the `tune` conversations in
`data/examples/replies_<lang>*.yaml` becomes its features (`features.py`), and a
multinomial logistic regression (maximum entropy: one weight per feature and code)
learns the eight codes from them (`train_logistic`). The held-out conversations are
never trained on, so `evaluate` can score the shipped model on them. The classifier is
written out as plain weights, `data/reply_model.json`:

    {"hash": ..., "trainer": "logistic_regression", "min_count": N,
     "langs": {"en": {"labels": [...], "bias": [...], "weights": {feature: [...]}}}}

so that the app applies it with a few dictionary look-ups (`replies.py`): the score of
a code is its bias plus the weights of the reply's features, and the highest wins.

Why not a library: the earlier model was nltk's NaiveBayesClassifier (grouped CV
macro-F1 en 0.903, de 0.883, da 0.889 with per-code offsets; Naive Bayes counts
correlated features, such as a word and the cue it is part of, as independent).
nltk's MaxentClassifier fits the same model as here but its GIS and IIS trainers need
numpy, and so does scikit-learn's LogisticRegression, which scored about the same as this
trainer (CV en 0.917, de 0.891, da 0.906); with numpy or scipy installed beside it,
`import nltk` (which the analysis needs for Punkt and Snowball) loads them too, about
110 MB more at run time. Forty lines of SGD need neither.

Deterministic: examples in file order, features sorted, a seeded shuffle, no other
randomness. `hash` covers the examples files, the feature definitions
(`features.signature()`) and the training settings, so a test fails when one changed
and the shipped model was not retrained (`--check` says the same from the command line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .features import featurize, signature
from .lexicon import LANGS
from .model import REPLY_CODES

MODEL_FILE = "reply_model.json"
MIN_COUNT = 2  # a feature seen once carries no weight worth shipping
TRAINER = "logistic_regression"
LABELS = tuple(sorted(REPLY_CODES))
# Chosen by grouped cross-validation on the tune conversations (never on held-out ones):
# a step of 0.05 to 0.25 beat 0.5 (en 0.905 -> 0.920, de 0.886 -> 0.898, da 0.910 ->
# 0.925 at 0.1 and 20 passes); passes and the L2 penalty moved the figures less.
EPOCHS = 20
RATE = 0.1
L2 = 1e-4
SEED = 15
DIGITS = 3
_TINY = 1e-8

Example = tuple[dict[str, bool], str]


def model_path() -> Path:
    return Path(str(resources.files("assistant.analysis").joinpath("data", MODEL_FILE)))


def data_hash() -> str:
    """What the shipped model must have been trained from: examples and feature definitions."""
    from .evaluate import _data, reply_files

    h = hashlib.sha256()
    h.update(signature().encode())
    h.update(f"{TRAINER}:{MIN_COUNT}:{EPOCHS}:{RATE}:{L2}:{SEED}:{DIGITS}".encode())
    for lang in LANGS:
        for name in reply_files(lang):
            h.update(name.encode())
            h.update(_data(name).encode("utf-8"))
    return h.hexdigest()


def examples_for(lang: str, split: str | None = None) -> list[Any]:
    from .evaluate import reply_examples

    return [e for e in reply_examples(lang) if split in (None, e.split)]


@cache
def featureset(example: Any) -> dict[str, bool]:
    """The features of one labelled example (kept: cross-validation asks many times)."""
    return featurize(example.reply, example.said, example.lang)


def prune(data: Sequence[Example], min_count: int = MIN_COUNT) -> list[Example]:
    """Only the features seen in at least `min_count` training replies."""
    counts = Counter(f for feats, _ in data for f in feats)
    return [({f: v for f, v in feats.items() if counts[f] >= min_count}, label)
            for feats, label in data]


def train_logistic(data: Sequence[Example], labels: Sequence[str] = LABELS) -> dict[str, Any]:
    """Multinomial logistic regression (maximum entropy) on `data`: bias and weights per
    label, the scores the app adds up (`replies.scores`) being the log-odds of the codes.

    Stochastic gradient descent on the log-loss with an L2 penalty, AdaGrad step sizes
    (one per weight, so rare words learn as fast as they deserve), `EPOCHS` passes in an
    order shuffled by a seeded generator: deterministic, pure Python, seconds per
    language. Features seen in fewer than `MIN_COUNT` replies are dropped first, weights
    rounded to `DIGITS` places, and a feature whose weights all round to nothing is not
    shipped.
    """
    k = len(labels)
    index = {label: i for i, label in enumerate(labels)}
    rows = [(sorted(feats), index[label]) for feats, label in prune(data)]
    weights: dict[str, list[float]] = {}
    squares: dict[str, list[float]] = {}
    bias, bias_sq = [0.0] * k, [_TINY] * k
    order = random.Random(SEED)
    for _ in range(EPOCHS):
        order.shuffle(rows)
        for feats, gold in rows:
            score = list(bias)
            for name in feats:
                w = weights.get(name)
                if w is None:
                    w = weights[name] = [0.0] * k
                    squares[name] = [_TINY] * k
                for i in range(k):
                    score[i] += w[i]
            top = max(score)
            exps = [math.exp(s - top) for s in score]
            total = sum(exps)
            grad = [e / total for e in exps]
            grad[gold] -= 1.0
            for i in range(k):
                bias_sq[i] += grad[i] * grad[i]
                bias[i] -= RATE * grad[i] / math.sqrt(bias_sq[i])
            for name in feats:
                w, sq = weights[name], squares[name]
                for i in range(k):
                    g = grad[i] + L2 * w[i]
                    sq[i] += g * g
                    w[i] -= RATE * g / math.sqrt(sq[i])
    shipped = {}
    for name in sorted(weights):
        w = [round(x, DIGITS) for x in weights[name]]
        if any(w):
            shipped[name] = w
    return {"labels": list(labels), "bias": [round(b, DIGITS) for b in bias], "weights": shipped}


def train(lang: str, examples: Iterable[Any]) -> dict[str, Any]:
    """The model of one language from its labelled `examples` (`lang` names it only)."""
    return train_logistic([(featureset(e), e.code) for e in examples])


def build() -> dict[str, Any]:
    return {"hash": data_hash(), "trainer": TRAINER, "min_count": MIN_COUNT,
            "langs": {lang: train(lang, examples_for(lang, "tune")) for lang in LANGS}}


def lang_file(path: Path, lang: str) -> Path:
    """Where one language's weights sit beside the model file `path`."""
    return path.with_name(f"{path.stem}_{lang}{path.suffix}")


def write(model: dict[str, Any], path: Path) -> None:
    """`path` gets the hash and the settings; each language's weights go to a file of
    their own beside it (`reply_model_<lang>.json`, with the same hash), so the app
    parses only the language it codes."""
    def dump(obj: Any, to: Path) -> None:
        to.write_text(json.dumps(obj, ensure_ascii=False, sort_keys=True,
                                 separators=(",", ":")) + "\n", encoding="utf-8")

    head = {k: v for k, v in model.items() if k != "langs"}
    head["langs"] = {lang: lang_file(path, lang).name for lang in model["langs"]}
    dump(head, path)
    for lang, weights in model["langs"].items():
        dump({"hash": model["hash"], **weights}, lang_file(path, lang))


def shipped_hashes(path: Path | None = None) -> list[str | None]:
    """The hash of the model file and of each language's file, None where one is unreadable."""
    path = path or model_path()
    out: list[str | None] = []
    for one in (path, *(lang_file(path, lang) for lang in LANGS)):
        try:
            out.append(json.loads(one.read_text(encoding="utf-8")).get("hash"))
        except (OSError, ValueError):
            out.append(None)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the shipped model matches its data")
    parser.add_argument("--out", type=Path, default=None, help="where to write the model")
    args = parser.parse_args(argv)
    if args.check:
        want = data_hash()
        if any(h != want for h in shipped_hashes()):
            print(f"{model_path()} is stale: run `python -m assistant.analysis.train`",
                  file=sys.stderr)
            return 1
        print("the shipped reply model matches its data")
        return 0
    model = build()
    out = args.out or model_path()
    write(model, out)
    sizes = ", ".join(f"{lang} {len(m['weights'])} features" for lang, m in model["langs"].items())
    print(f"wrote {out} ({sizes})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
