"""Score the reply coder and the goal facets on the team's labelled examples.

    python -m assistant.analysis.evaluate [--split tune|heldout|all] [--lang en|de|da]
        [--style spoken|written|all] [--errors]
    python -m assistant.analysis.evaluate --safety [--split ...] [--lang ...] [--errors]

`--safety` scores the safety notice instead (recall and false alarms per language and
topic, on the statements in `data/safety/labelled/`): see `safety_eval.py`.

Examples live in `data/examples/`: `replies_<lang>.yaml` (mentee statement, split, an
optional `style` of `written` (the default) or `spoken` for transcript-like speech, and
coded mentor replies) and `goals_<lang>.tsv` (goal statements with deadline/measure
labels). `--style` filters the reply examples only; goal statements have no style.
The `tune` split is the one the word lists may be adjusted on; the `heldout` split is
never looked at while tuning and is the honest figure. Per-class precision,
recall and F1 come from `nltk.metrics`; macro-F1 is the unweighted mean over classes.

Two more figures match how the coder is scored from outside, on MI-coded transcripts:
"four kinds" accuracy, where the eight codes collapse to question (open or closed),
reflection (simple or complex), advice or information, and other; and "open vs closed"
accuracy over the examples whose gold code is a question, where a prediction counts as
open only if it is `open_question` (anything else is "not open"). MITI and MISC count
affirmations as a behaviour of their own, but the four-kind scheme has no slot for them,
so for that figure an affirmation is `other`.
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
STYLES = ("written", "spoken")

# The outside scheme's four kinds; affirmation has no kind of its own there (see above).
FOUR_KINDS = {
    "open_question": "question",
    "closed_question": "question",
    "simple_reflection": "reflection",
    "complex_reflection": "reflection",
    "advice": "advice_or_information",
    "information": "advice_or_information",
    "affirmation": "other",
    "other": "other",
}
QUESTIONS = ("open_question", "closed_question")


@dataclass(frozen=True, slots=True)
class ReplyExample:
    lang: str
    split: str
    said: str
    reply: str
    code: str
    modifiers: frozenset[str]
    style: str = "written"
    conversation: str = ""


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


def reply_files(lang: str) -> list[str]:
    """The examples files of `lang`: the single statements, the conversations and (de,
    da) a second batch of conversations."""
    names = [f"replies_{lang}.yaml", f"replies_{lang}_conversations.yaml",
             f"replies_{lang}_conversations2.yaml"]
    folder = resources.files("assistant.analysis").joinpath("data", "examples")
    return [n for n in names if folder.joinpath(n).is_file()]


def reply_examples(lang: str) -> list[ReplyExample]:
    return [e for name in reply_files(lang) for e in parse_reply_examples(_data(name), lang, name)]


def parse_reply_examples(text: str, lang: str, source: str) -> list[ReplyExample]:
    """The coded replies in one examples file's YAML text (`source` names it in errors).

    A group without `conversation` is a conversation of its own (named after the file and
    its position); the groups of one conversation must share one split, because the
    conversation, never the row, is the unit that cross-validation and held-out keep apart.
    """
    out = []
    splits: dict[str, str] = {}
    for number, group in enumerate(yaml.safe_load(text), 1):
        style = group.get("style", "written")
        if style not in STYLES:
            raise ValueError(f"{source}: bad style {style!r} for {group['said']!r}"
                             f" (expected one of {', '.join(STYLES)})")
        conversation = str(group.get("conversation") or f"{source}#{number}")
        if splits.setdefault(conversation, group["split"]) != group["split"]:
            raise ValueError(f"{source}: conversation {conversation!r} has turns in two splits")
        for line in group["replies"].strip().splitlines():
            label, reply = line.split("|", 1)
            code, *mods = label.strip().split("+")
            if code not in REPLY_CODES or not set(mods) <= set(MODIFIERS):
                raise ValueError(f"{source}: bad label {label!r}")
            out.append(ReplyExample(lang, group["split"], group["said"], reply.strip(),
                                    code, frozenset(mods), style, conversation))
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


def outside_figures(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Four-kinds accuracy and open-vs-closed accuracy (over gold questions), with counts.

    An empty population scores 0.0; read the count next to it."""
    pairs = list(zip(gold, pred, strict=True))
    kinds = sum(FOUR_KINDS[g] == FOUR_KINDS[p] for g, p in pairs)
    asked = [(g, p) for g, p in pairs if g in QUESTIONS]
    open_ok = sum((g == "open_question") == (p == "open_question") for g, p in asked)
    return {"four_kinds": kinds / len(pairs) if pairs else 0.0, "n": len(pairs),
            "open_closed": open_ok / len(asked) if asked else 0.0, "n_questions": len(asked)}


def score_replies(lang: str, split: str | None, style: str | None = None) -> dict[str, Any]:
    """Per-class P/R/F1 and macro-F1 of the reply coder on one split (None: all), and
    on one style (None: all), plus the outside scheme's figures (`outside_figures`)."""
    from . import code_reply

    examples = [e for e in reply_examples(lang)
                if split in (None, e.split) and style in (None, e.style)]
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
            "modifiers": modifiers, "errors": errors, "outside": outside_figures(gold, pred)}


# --------------------------------------------------------------------------- the model

FOLDS = 5
KINDS = ("question", "reflection", "advice_or_information", "other")


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> float:
    """Unweighted mean F1 over `labels` (nltk.metrics), 0 for a label never predicted."""
    return sum(_prf(gold, pred, label)[2] for label in labels) / len(labels)


def grouped_folds(examples: list[ReplyExample], k: int = FOLDS
                  ) -> list[tuple[list[ReplyExample], list[ReplyExample]]]:
    """`k` (train, test) pairs that never split a conversation: conversations in the
    order of the files go round-robin into the folds (fixed, no randomness)."""
    order: dict[str, int] = {}
    for e in examples:
        order.setdefault(e.conversation, len(order))
    fold = {c: i % k for c, i in order.items()}
    return [([e for e in examples if fold[e.conversation] != f],
             [e for e in examples if fold[e.conversation] == f]) for f in range(k)]


def _fit_predict(train: list[ReplyExample], test: list[ReplyExample]) -> list[str]:
    """Train exactly as the shipped model is trained (`train.train`)."""
    from .replies import LangModel, classify
    from .train import featureset
    from .train import train as train_model

    model = LangModel.of(train_model(train[0].lang if train else "en", train))
    return [classify(model, featureset(e))[0] for e in test]


def _figures(gold: list[str], pred: list[str]) -> dict[str, Any]:
    kinds_gold = [FOUR_KINDS[g] for g in gold]
    kinds_pred = [FOUR_KINDS[p] for p in pred]
    return {"n": len(gold), "macro_f1": macro_f1(gold, pred, REPLY_CODES),
            "kinds_f1": macro_f1(kinds_gold, kinds_pred, KINDS),
            "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1),
            "classes": {c: _prf(gold, pred, c) for c in REPLY_CODES}}


def cross_validate(lang: str, k: int = FOLDS) -> dict[str, Any]:
    """Grouped k-fold cross-validation of the model on the `tune` conversations."""
    examples = [e for e in reply_examples(lang) if e.split == "tune"]
    gold: list[str] = []
    pred: list[str] = []
    for train, test in grouped_folds(examples, k):
        gold += [e.code for e in test]
        pred += _fit_predict(train, test)
    return _figures(gold, pred)


def score_heldout(lang: str) -> dict[str, Any]:
    """The model trained on every `tune` conversation, scored on the held-out ones."""
    examples = reply_examples(lang)
    train = [e for e in examples if e.split == "tune"]
    test = [e for e in examples if e.split == "heldout"]
    return _figures([e.code for e in test], _fit_predict(train, test))


def model_report(langs: tuple[str, ...] | list[str]) -> list[str]:
    """Lines of the model report: grouped CV and held-out macro-F1, eight codes and four kinds."""
    lines = ["", f"== reply model: grouped {FOLDS}-fold cross-validation (tune) and held-out ==",
             f"{'lang':5} {'cv 8 codes':>11} {'cv 4 kinds':>11} {'held-out 8':>11}"
             f" {'held-out 4':>11} {'n cv':>6} {'n held':>7}"]
    for lang in langs:
        cv, held = cross_validate(lang), score_heldout(lang)
        lines.append(f"{lang:5} {cv['macro_f1']:11.3f} {cv['kinds_f1']:11.3f}"
                     f" {held['macro_f1']:11.3f} {held['kinds_f1']:11.3f}"
                     f" {cv['n']:6d} {held['n']:7d}")
    return lines


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
    from .safety_eval import SPLITS as SAFETY_SPLITS

    parser.add_argument("--split", choices=[*dict.fromkeys([*SPLITS, *SAFETY_SPLITS]), "all"],
                        default=None, help="one split only (default: all of them; the"
                        " safety splits besides tune and heldout go with --safety)")
    parser.add_argument("--lang", choices=LANGS, action="append")
    parser.add_argument("--style", choices=[*STYLES, "all"], default="all",
                        help="reply examples of one style only (default: all)")
    parser.add_argument("--errors", action="store_true",
                        help="list misclassified examples (tune split only)")
    parser.add_argument("--safety", action="store_true",
                        help="score the safety notice instead of the reply coder")
    parser.add_argument("--no-model-report", action="store_true",
                        help="skip the model's grouped cross-validation (it retrains ≈ 5 times)")
    args = parser.parse_args(argv)
    if args.safety:
        from .safety_eval import main as safety_main

        return safety_main(args)
    if args.split not in (None, "all", *SPLITS):
        parser.error(f"--split {args.split} is a split of the safety statements: add --safety")
    splits = [None] if args.split == "all" else [args.split] if args.split else list(SPLITS)
    style = None if args.style == "all" else args.style
    summary, outside = [], []
    for lang in args.lang or LANGS:
        for split in splits:
            name = split or "all"
            rep = score_replies(lang, split, style)
            shown = f"{name}, {style}" if style else name
            print(f"\n== {lang} / {shown}: reply codes (n={rep['n']}) ==")
            print(f"{'class':20} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
            for c, (p, r, f, n) in rep["classes"].items():
                print(f"{c:20} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
            print(f"{'macro-F1':20} {'':6} {'':6} {rep['macro_f1']:6.3f}"
                  f"   accuracy {rep['accuracy']:.3f}")
            out = rep["outside"]
            print(f"{'four kinds':20} {out['four_kinds']:6.3f} (n={out['n']})"
                  f"   open vs closed {out['open_closed']:.3f} (n={out['n_questions']})")
            for m, (p, r, f, n) in rep["modifiers"].items():
                print(f"  modifier {m:10} prec {p:5.3f} rec {r:5.3f} f1 {f:5.3f} n {n}")
            goals = score_goals(lang, split)
            for key in ("deadline", "measure"):
                p, r, f, n = goals[key]
                print(f"  goal {key:9} prec {p:5.3f} rec {r:5.3f} f1 {f:5.3f}"
                      f" (n={goals['n']}, positives {n})")
            if args.errors and split != "tune":
                # The held-out examples stay unread while the coder is worked on: only
                # their figures are shown, never their misses.
                print("  (errors are listed for --split tune only)")
            elif args.errors:
                for gold, got, why, text in rep["errors"]:
                    print(f"  ! {gold:18} -> {got:18} [{why}] {text}")
                for key, gold, text in goals["errors"]:
                    print(f"  ! goal {key} should be {gold}: {text}")
            summary.append((lang, name, rep["macro_f1"]))
            outside.append((lang, name, out["four_kinds"], out["open_closed"]))
    if not args.no_model_report:
        print("\n".join(model_report(args.lang or LANGS)))
    # The macro-F1 line stays last: other tools parse it.
    print("\nfour kinds / open vs closed: " + ", ".join(
        f"{lang}/{name} {k:.3f}/{q:.3f}" for lang, name, k, q in outside)
        + (f" (style {style})" if style else ""))
    print("macro-F1: " + ", ".join(f"{lang}/{name} {f:.3f}" for lang, name, f in summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
