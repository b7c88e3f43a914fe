"""Score the reply coder and the goal facets on the team's labelled examples.

    python -m assistant.analysis.evaluate [--split tune|heldout|all] [--lang en|de|da]
        [--errors]

Examples live in `data/examples/`: `replies_<lang>.yaml` (mentee statement, split, and
coded mentor replies) and `goals_<lang>.tsv` (goal statements with deadline/measure
labels). The `tune` split is the one the word lists may be adjusted on; the `heldout`
split is never looked at while tuning and is the honest figure. Per-class precision,
recall and F1 come from `nltk.metrics`; macro-F1 is the unweighted mean over classes.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .lexicon import LANGS
from .model import REPLY_CODES

MODIFIERS = ("why", "leading", "stacked", "judgement")
SPLITS = ("tune", "heldout")


@dataclass(frozen=True, slots=True)
class ReplyExample:
    lang: str
    split: str
    said: str
    reply: str
    code: str
    modifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoalExample:
    lang: str
    split: str
    text: str
    deadline: bool
    measure: bool


def _data(name: str) -> str:
    path = resources.files("assistant.analysis").joinpath("data", "examples", name)
    return path.read_text(encoding="utf-8")


def reply_examples(lang: str) -> list[ReplyExample]:
    out = []
    for group in yaml.safe_load(_data(f"replies_{lang}.yaml")):
        for line in group["replies"].strip().splitlines():
            label, text = line.split("|", 1)
            code, *mods = label.strip().split("+")
            if code not in REPLY_CODES or not set(mods) <= set(MODIFIERS):
                raise ValueError(f"replies_{lang}.yaml: bad label {label!r}")
            out.append(ReplyExample(lang, group["split"], group["said"], text.strip(),
                                    code, frozenset(mods)))
    return out


def goal_examples(lang: str) -> list[GoalExample]:
    rows = csv.reader(_data(f"goals_{lang}.tsv").splitlines(), delimiter="\t")
    out = []
    for row in rows:
        if not row or row[0].startswith("#") or row[0] == "split":
            continue
        split, deadline, measure, text = row
        out.append(GoalExample(lang, split, text, deadline == "1", measure == "1"))
    return out


def _prf(gold: list[Any], pred: list[Any], label: Any) -> tuple[float, float, float, int]:
    from nltk.metrics import f_measure, precision, recall

    ref = {i for i, g in enumerate(gold) if g == label}
    test = {i for i, p in enumerate(pred) if p == label}
    p = precision(ref, test) if test else 0.0
    r = recall(ref, test) if ref else 0.0
    f = f_measure(ref, test) if ref and test else 0.0
    return p or 0.0, r or 0.0, f or 0.0, len(ref)


def score_replies(lang: str, split: str | None) -> dict[str, Any]:
    """Per-class P/R/F1 and macro-F1 of the reply coder on one split (None: all)."""
    from . import code_reply

    examples = [e for e in reply_examples(lang) if split in (None, e.split)]
    gold, pred, errors = [], [], []
    mod_gold: dict[str, list[bool]] = {m: [] for m in MODIFIERS}
    mod_pred: dict[str, list[bool]] = {m: [] for m in MODIFIERS}
    for e in examples:
        got = code_reply(e.reply, previous=e.said, lang=lang)
        gold.append(e.code)
        pred.append(got.code)
        for m in MODIFIERS:
            mod_gold[m].append(m in e.modifiers)
            mod_pred[m].append(bool(getattr(got, m)))
        if got.code != e.code:
            errors.append((e.code, got.code, got.reason_id, e.reply))
    classes = {c: _prf(gold, pred, c) for c in REPLY_CODES}
    macro = sum(v[2] for v in classes.values()) / len(classes)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    modifiers = {m: _prf(mod_gold[m], mod_pred[m], True) for m in MODIFIERS}
    return {"classes": classes, "macro_f1": macro, "accuracy": accuracy, "n": len(gold),
            "modifiers": modifiers, "errors": errors}


def score_goals(lang: str, split: str | None) -> dict[str, Any]:
    """P/R/F1 of `has_deadline` and `has_measure` on the goal statements."""
    from . import analyse

    examples = [e for e in goal_examples(lang) if split in (None, e.split)]
    out: dict[str, Any] = {"n": len(examples), "errors": []}
    facts = [analyse(e.text, lang=lang) for e in examples]
    for key, attr in (("deadline", "has_deadline"), ("measure", "has_measure")):
        gold = [getattr(e, key) for e in examples]
        pred = [getattr(f, attr) for f in facts]
        out[key] = _prf(gold, pred, True)
        out["errors"] += [(key, g, e.text) for g, p, e in zip(gold, pred, examples, strict=True)
                          if g != p]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default=None,
                        help="one split only (default: tune and heldout)")
    parser.add_argument("--lang", choices=LANGS, action="append")
    parser.add_argument("--errors", action="store_true", help="list misclassified examples")
    args = parser.parse_args(argv)
    splits = [None] if args.split == "all" else [args.split] if args.split else list(SPLITS)
    summary = []
    for lang in args.lang or LANGS:
        for split in splits:
            name = split or "all"
            rep = score_replies(lang, split)
            print(f"\n== {lang} / {name}: reply codes (n={rep['n']}) ==")
            print(f"{'class':20} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
            for c, (p, r, f, n) in rep["classes"].items():
                print(f"{c:20} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
            print(f"{'macro-F1':20} {'':6} {'':6} {rep['macro_f1']:6.3f}"
                  f"   accuracy {rep['accuracy']:.3f}")
            for m, (p, r, f, n) in rep["modifiers"].items():
                print(f"  modifier {m:10} prec {p:5.3f} rec {r:5.3f} f1 {f:5.3f} n {n}")
            goals = score_goals(lang, split)
            for key in ("deadline", "measure"):
                p, r, f, n = goals[key]
                print(f"  goal {key:9} prec {p:5.3f} rec {r:5.3f} f1 {f:5.3f}"
                      f" (n={goals['n']}, positives {n})")
            if args.errors:
                for gold, got, why, text in rep["errors"]:
                    print(f"  ! {gold:18} -> {got:18} [{why}] {text}")
                for key, gold, text in goals["errors"]:
                    print(f"  ! goal {key} should be {gold}: {text}")
            summary.append((lang, name, rep["macro_f1"]))
    print("\nmacro-F1: " + ", ".join(f"{lang}/{name} {f:.3f}" for lang, name, f in summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
