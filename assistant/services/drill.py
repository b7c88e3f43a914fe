"""Drill service: the pure drill (`assistant.core.drill`) on the person's own history.

`DrillRun.start(store, lang)` folds the stored practice sessions into scorecards, picks
the weakest measure (`weakest`), draws exercises on it from the scenario bank (a new
stretch each drill) and stores the drill as a practice session whose meta says
`{"drill": MEASURE, "before": VALUE}`; each reply is one `practice_drill` event, stored
before its feedback is returned. Drills are left out of progress (`progress` skips
them): five "open this question" exercises would make the share of open questions look
better than a real conversation does. Their before/after figure is the drill's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..core.drill import (
    DEFAULT_MEASURE,
    Drill,
    DrillFeedback,
    Exercise,
    drill_measure,
    exercises,
    weakest,
)
from ..core.practice import Coder, Measure, ScenarioBank, format_ratio, format_target
from ..i18n import N_, t, tn
from .practice import EVENT_PREFIX, MODE, SCRIPT, Wording, analysis_coder, load_bank, progress

if TYPE_CHECKING:
    from ..store import Store

EVENT = EVENT_PREFIX + "drill"


class DrillRun:
    """One stored drill. `before` is the weakest measure over the history (None: none yet)."""

    def __init__(self, store: Store, drill: Drill, session_id: str, before: Measure | None
                 ) -> None:
        self.store = store
        self.drill = drill
        self.id = session_id
        self.before = before
        self.words = Wording(drill.lang)

    @classmethod
    def start(cls, store: Store, lang: str = "en", *, coder: Coder | None = None,
              bank: ScenarioBank | None = None) -> DrillRun:
        bank = bank or load_bank(lang)
        cards = [p.card for p in progress(store)]
        before = weakest(cards)
        key = before.key if before else DEFAULT_MEASURE
        earlier = sum(1 for s in store.sessions(script=SCRIPT) if s.meta.get("drill"))
        items = exercises(bank.scenarios, key, offset=earlier * 5)
        drill = Drill(items, coder or analysis_coder(), lang, key=key)
        sid = store.create_session(SCRIPT, lang, title=t(TITLE, lang), mode=MODE,
                                   meta={"drill": key,
                                         "before": before.value if before else None})
        return cls(store, drill, sid, before)

    @property
    def lang(self) -> str:
        return self.drill.lang

    @property
    def key(self) -> str:
        return self.drill.key

    def current(self) -> Exercise | None:
        return self.drill.current()

    def reply(self, text: str) -> DrillFeedback:
        fb = self.drill.reply(text)
        ex = fb.exercise
        self.store.append_event(self.id, EVENT, {
            "scenario": ex.scenario.id, "turn": ex.turn, "kind": ex.kind, "given": ex.given,
            "mentee": ex.mentee, "text": text, "passed": fb.passed, **fb.code.as_dict()})
        return replace(fb, suggestion=self.words.suggestion(fb.tip),
                       notes=tuple(self.words.notes(fb.code)))

    def finish(self) -> Measure:
        after = self.drill.figure()
        done, total = self.drill.score()
        if total:
            self.store.append_event(self.id, EVENT_PREFIX + "finished",
                                    {"drill": self.key, "passed": done, "exercises": total,
                                     "after": after.value})
        self.store.set_status(self.id, "finished")
        return after


# The drill's words, in one place for both front ends (said with i18n.t in the run's
# language).
TITLE = N_("Listening drill")
INTROS = {
    "open": N_("Open this question: each exercise shows a closed question a mentor asked. "
               "Ask the same thing as an open question (what, how, tell me more)."),
    "reflect": N_("Reflect this statement: say back what you hear, without asking anything."),
    "deepen": N_("Reflect this statement, and go beyond the words: name the feeling, the "
                 "meaning or both sides."),
    "permission": N_("Answer without advice: each exercise shows advice a mentor gave. Reply "
                     "instead with a reflection or an open question, or ask whether ideas "
                     "are welcome."),
}
GIVEN = {"open": N_("Closed question"), "permission": N_("Advice")}


def measure_name(key: str, lang: str) -> str:
    from .practice import MEASURE_NAMES

    return t(MEASURE_NAMES[key], lang)


def figure_text(m: Measure | None, lang: str) -> str:
    from .practice import LEVEL_NAMES

    if m is None or (m.value is None and m.level == "none"):
        return t(LEVEL_NAMES["none"], lang)
    return f"{format_ratio(m)} ({t(LEVEL_NAMES[m.level], lang)})"


def opening_lines(run: DrillRun, lang: str) -> list[str]:
    """What the drill says first: the weakest measure (or that there is no history), and
    what to do."""
    if run.before is None:
        first = t("No practice recorded yet, so this drill starts with open questions. "
                  "Practise with reflect practice, and the next drill aims at your weakest "
                  "measure.", lang)
    else:
        first = t("Your weakest measure so far: {name}, {value} over your practice sessions "
                  "(fair / good: {target}).", lang, name=measure_name(run.key, lang),
                  value=figure_text(run.before, lang), target=target_text(run.key))
    ex = run.current()
    second = (t(INTROS[ex.kind], lang) if ex is not None else
              t("There are no exercises for this measure in the scenario bank.", lang))
    return [first, second]


def exercise_title(run: DrillRun, ex: Exercise, lang: str) -> str:
    return t("Exercise {n} of {total} · {persona}", lang, n=len(run.drill.results) + 1,
             total=len(run.drill.items), persona=ex.scenario.persona)


def given_label(ex: Exercise, lang: str) -> str:
    return t(GIVEN[ex.kind], lang)


def mark(fb: DrillFeedback, lang: str) -> str:
    return t("Done", lang) if fb.passed else t("Not yet", lang)


def result_text(run: DrillRun, after: Measure, lang: str) -> str:
    done, total = run.drill.score()
    return (tn("Drill done: {passed} of {n} exercise.", "Drill done: {passed} of {n} "
               "exercises.", total, lang, passed=done) + " "
            + t("{name}: before {before}, in this drill {after}.", lang,
                name=measure_name(run.key, lang), before=figure_text(run.before, lang),
                after=figure_text(after, lang)))


def target_text(key: str) -> str:
    from ..core.drill import ADVICE_THRESHOLDS
    from ..core.practice import THRESHOLDS

    fair, good = ADVICE_THRESHOLDS if key == "advice_share" else THRESHOLDS[key]
    m = Measure(key, None, fair, good, 0, 0, lower_is_better=key == "advice_share")
    return format_target(m)


__all__ = ["DrillRun", "drill_measure", "exercise_title", "figure_text", "given_label",
           "mark", "measure_name", "opening_lines", "result_text", "target_text"]
