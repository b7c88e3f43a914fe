"""Score the safety notice on the team's labelled statements.

    python -m assistant.analysis.evaluate --safety [--split tune|heldout|all] [--lang ..]
        [--errors]

The statements live in `data/safety/labelled/<lang>.<split>.yaml` (README.md there):
`concerning` statements by topic, which must get a notice, and `ordinary` mentoring
statements with tempting words ("this project is killing me"), which must not. Each one
goes through the real `analyse()`, as an answer in a dialogue would.

Recall is the share of concerning statements that got a notice (any safety topic), per
language and per labelled topic; the false-alarm rate is the share of ordinary statements
that got one, per language and per detector topic that fired. The held-out files are
only ever scored: `--errors` lists the misses of the other splits, never theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from .lexicon import LANGS
from .safety import TOPICS

SPLITS = ("tune", "heldout", "fresh", "final", "tune2", "heldout2", "tune3", "tune4", "tune5")
# The splits that are only ever scored: `--errors` never lists what they missed.
HELD_OUT = ("heldout", "heldout2")
# The topics of the labelled statements, finer than the detector's (see docs/analysis.md).
LABELS = ("wish_to_die", "plan_method", "self_injury", "crisis", "harassment",
          "sexual_harassment", "job_threat", "humiliation", "discrimination",
          "domestic_violence")


@dataclass(frozen=True, slots=True)
class Statement:
    lang: str
    split: str
    text: str
    label: str  # one of LABELS, or "ordinary"


def parse_statements(text: str, lang: str, split: str, source: str) -> list[Statement]:
    """The statements of one labelled file's YAML text (`source` names it in errors)."""
    raw = yaml.safe_load(text) or {}
    out = []
    for label, items in (raw.get("concerning") or {}).items():
        if label not in LABELS:
            raise ValueError(f"{source}: unknown topic {label!r}"
                             f" (expected one of {', '.join(LABELS)})")
        out.extend(Statement(lang, split, str(t), label) for t in items or [])
    out.extend(Statement(lang, split, str(t), "ordinary") for t in raw.get("ordinary") or [])
    return out


def statements(lang: str, split: str) -> list[Statement]:
    name = f"{lang}.{split}.yaml"
    path = resources.files("assistant.analysis").joinpath("data", "safety", "labelled", name)
    return parse_statements(path.read_text(encoding="utf-8"), lang, split, name)


@dataclass
class SafetyScore:
    lang: str
    split: str
    concerning: int = 0
    noticed: int = 0
    ordinary: int = 0
    false_alarms: int = 0
    by_label: dict[str, list[int]] = field(default_factory=dict)  # label -> [noticed, n]
    alarm_topics: dict[str, int] = field(default_factory=dict)  # detector topic -> count
    misses: list[Statement] = field(default_factory=list)
    alarms: list[tuple[Statement, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.noticed / self.concerning if self.concerning else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.ordinary if self.ordinary else 0.0


def score(items: list[Statement], lang: str, split: str) -> SafetyScore:
    from . import analyse

    out = SafetyScore(lang, split)
    for item in items:
        topics = analyse(item.text).safety_topics
        if item.label == "ordinary":
            out.ordinary += 1
            if topics:
                out.false_alarms += 1
                out.alarms.append((item, topics))
                for t in topics:
                    out.alarm_topics[t] = out.alarm_topics.get(t, 0) + 1
            continue
        out.concerning += 1
        cell = out.by_label.setdefault(item.label, [0, 0])
        cell[1] += 1
        if topics:
            out.noticed += 1
            cell[0] += 1
        else:
            out.misses.append(item)
    return out


def score_safety(lang: str, split: str) -> SafetyScore:
    return score(statements(lang, split), lang, split)


def report(langs: list[str] | None = None, splits: list[str] | None = None,
           errors: bool = False) -> tuple[list[str], list[SafetyScore]]:
    """The printed report's lines, and the scores behind them."""
    lines: list[str] = []
    scores = []
    for lang in langs or LANGS:
        for split in splits or SPLITS:
            s = score_safety(lang, split)
            scores.append(s)
            lines.append(f"\n== {lang} / {split}: safety notice ==")
            lines.append(f"recall {s.recall:.3f} ({s.noticed}/{s.concerning} concerning)"
                         f"   false alarms {s.false_alarm_rate:.3f}"
                         f" ({s.false_alarms}/{s.ordinary} ordinary)")
            for label in LABELS:
                if label in s.by_label:
                    got, n = s.by_label[label]
                    lines.append(f"  recall {label:18} {got / n:5.3f} ({got}/{n})")
            for topic in TOPICS:
                if s.ordinary:
                    k = s.alarm_topics.get(topic, 0)
                    lines.append(f"  false alarm {topic:13} {k / s.ordinary:5.3f}"
                                 f" ({k}/{s.ordinary})")
            if errors and split in HELD_OUT:
                lines.append("  (held out: only scored, its misses are not listed)")
            elif errors:
                lines += [f"  ! missed  {m.label:18} {m.text}" for m in s.misses]
                lines += [f"  ! alarm   {','.join(t):18} {a.text}" for a, t in s.alarms]
    lines.append("\nsafety recall / false alarms: " + ", ".join(
        f"{s.lang}/{s.split} {s.recall:.3f}/{s.false_alarm_rate:.3f}" for s in scores))
    return lines, scores


def main(args: Any) -> int:
    """Print the report for the parsed `evaluate` arguments (`--safety`)."""
    splits = None if args.split in (None, "all") else [args.split]
    lines, _ = report(args.lang, splits, args.errors)
    print("\n".join(lines))
    return 0
