"""Drills: short exercises on the mentor's weakest listening measure. Pure, like practice.

`weakest(cards)` picks, from the scorecards of earlier practice sessions, the measure
furthest from its target: the reflection-to-question ratio, the share of open questions,
the share of complex reflections, or the share of replies that are unasked advice or
information (lower is better; the coder cannot tell advice given with permission from
advice without, so every piece of advice counts). Below target comes before fair, fair
before good; within a level the larger shortfall against "good" wins.

Each measure has its exercise (`KIND_FOR`): open a closed question, reflect a statement,
deepen a statement into a complex reflection, or answer without advice. The material
comes from the scenario bank: the mentee's lines of every turn, and the `closed:` and
`advice:` lines some turns carry (what a hurried mentor might say there).

    drill = Drill(exercises(bank, "open_share"), coder, "en")
    drill.current()                # the exercise: the mentee's words and what to rework
    feedback = drill.reply("...")  # coded; passed or not; a tip built from the reply
    drill.figure()                 # the measure over the drill's replies: the "after"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .practice import (
    REFLECTIONS,
    Code,
    Coder,
    Measure,
    Scenario,
    Scorecard,
    Tip,
    move_of,
    scorecard,
    tip_for,
)

DRILL_MEASURES: tuple[str, ...] = ("rq_ratio", "open_share", "complex_share", "advice_share")
#: Unasked advice or information among all replies: fair at most 15 %, good at most 5 %
#: (a practice target of ours; MITI counts advice without permission as "persuade").
ADVICE_THRESHOLDS = (0.15, 0.05)

#: Which exercise works on which measure.
KIND_FOR = {"open_share": "open", "rq_ratio": "reflect", "complex_share": "deepen",
            "advice_share": "permission"}
#: The measure a drill starts with when there is no history yet.
DEFAULT_MEASURE = "open_share"
EXERCISES = 5


def advice_measure(card: Scorecard) -> Measure:
    num = card.counts["advice"] + card.counts["information"]
    den = card.total
    return Measure("advice_share", num / den if den else None, *ADVICE_THRESHOLDS,
                   numerator=num, denominator=den, lower_is_better=True)


def drill_measure(card: Scorecard, key: str) -> Measure:
    return advice_measure(card) if key == "advice_share" else card.measure(key)


_RANK = {"below": 0, "fair": 1, "good": 2}


def _shortfall(m: Measure) -> float:
    assert m.value is not None
    if m.lower_is_better:
        return (m.value - m.good) / max(m.value, 1e-9)
    return (m.good - m.value) / m.good


def weakest(cards: Sequence[Scorecard]) -> Measure | None:
    """The measure furthest from its target over all the sessions' replies; None when
    nothing has been measured yet."""
    if not cards:
        return None
    pooled = scorecard([c for card in cards for c in _codes(card)])
    measured = [m for m in (drill_measure(pooled, k) for k in DRILL_MEASURES)
                if m.value is not None]
    if not measured:
        return None
    return min(measured, key=lambda m: (_RANK[m.level], -_shortfall(m),
                                        DRILL_MEASURES.index(m.key)))


def _codes(card: Scorecard) -> list[Code]:
    """A scorecard's counts as codes again, so cards can be pooled."""
    out = [Code(code) for code, n in card.counts.items() for _ in range(n)]
    return out


# --------------------------------------------------------------------------- exercises


@dataclass(frozen=True)
class Exercise:
    kind: str  # open | reflect | deepen | permission
    scenario: Scenario
    turn: str
    mentee: str
    given: str  # the closed question or the advice to rework ("" for a statement)


def exercises(scenarios: Sequence[Scenario], key: str, n: int = EXERCISES, offset: int = 0
              ) -> list[Exercise]:
    """`n` exercises on the measure `key`, drawn in turn from the scenarios' turns
    (starting `offset` items in, so the next drill brings new ones)."""
    kind = KIND_FOR[key]
    pool: list[Exercise] = []
    for s in scenarios:
        for t in s.turns:
            if kind == "open" and t.closed:
                pool.append(Exercise(kind, s, t.id, t.mentee, t.closed))
            elif kind == "permission" and t.advice:
                pool.append(Exercise(kind, s, t.id, t.mentee, t.advice))
            elif kind in ("reflect", "deepen"):
                pool.append(Exercise(kind, s, t.id, t.mentee, ""))
    if not pool:
        return []
    # Interleave the scenarios, so one drill meets several mentees.
    pool.sort(key=lambda e: ([t.id for t in e.scenario.turns].index(e.turn),
                             list(scenarios).index(e.scenario)))
    k = offset % len(pool)
    ordered = pool[k:] + pool[:k]
    return ordered[:n]


def passed(kind: str, code: Code) -> bool:
    move = move_of(code)
    if kind == "open":
        return move == "open"
    if kind == "reflect":
        return code.code in REFLECTIONS and move == "reflection"
    if kind == "deepen":
        return code.code == "complex_reflection"
    return move in ("open", "reflection")  # permission: listen or ask, not tell


@dataclass(frozen=True)
class DrillFeedback:
    exercise: Exercise
    text: str
    code: Code
    passed: bool
    tip: Tip
    suggestion: str = ""  # the tip in words (the service fills it)
    notes: tuple[str, ...] = ()


@dataclass
class Drill:
    """A drill over `items`, coded by `coder`; one reply per exercise."""

    items: Sequence[Exercise]
    coder: Coder
    lang: str = "en"
    key: str = DEFAULT_MEASURE
    results: list[DrillFeedback] = field(default_factory=list)

    def current(self) -> Exercise | None:
        if len(self.results) < len(self.items):
            return self.items[len(self.results)]
        return None

    @property
    def done(self) -> bool:
        return self.current() is None

    def reply(self, text: str) -> DrillFeedback:
        ex = self.current()
        if ex is None:
            raise RuntimeError("the drill is done; there is nothing to answer")
        code = Code.of(self.coder(text, ex.given or ex.mentee, self.lang))
        turn = ex.scenario.turn(ex.turn)
        from .practice import topics_in

        about = topics_in(ex.given + " " + text, ex.scenario.topics)
        tip = tip_for(code, move_of(code), text, about, ex.mentee, ex.scenario, turn)
        fb = DrillFeedback(ex, text, code, passed(ex.kind, code), tip)
        self.results.append(fb)
        return fb

    def figure(self) -> Measure:
        """The drill's measure over its own replies: the "after" of before/after."""
        return drill_measure(scorecard([r.code for r in self.results]), self.key)

    def score(self) -> tuple[int, int]:
        return sum(r.passed for r in self.results), len(self.results)
