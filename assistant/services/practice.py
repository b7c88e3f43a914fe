"""Practice service: the pure practice engine wired to the scenario files, the coder and the store.

`assistant.core.practice` knows nothing of files, nltk or SQLite. This module is the
thin layer both front ends share:

- `load_bank(lang)` reads `prompts/practice/<lang>.yaml` (validated; errors raise
  `LoadError` with positions);
- `analysis_coder()` is the real coder (`assistant.analysis.code_reply`, imported on
  first use, so building a session costs no nltk import);
- `PracticeRun` drives a `Practice` and appends one event per action to the store
  before returning, so a killed process loses no reply it has shown feedback for;
- `progress(store)` folds every stored practice session into its scorecard (from the
  events, not from a cached copy, so an interrupted session counts too), and
  `progress_markdown` renders the trend with `prompts/practice/progress*.md.j2`.

Stored shape: a session with script `practice`, mode `practice`, meta `{"scenarios":
[...]}`; events `practice_reply` (the reply, its code and modifiers, the mentee's
follow-up), `practice_retry`, `practice_next`, `practice_finished` (the scorecard), and
`practice_disagree` when the mentor marks the last reply's code as wrong (`:wrong`): the
reply, what it answered, the code and its reason, and the code the mentor would give.
`disagreements(store)` gathers those marks and `export_disagreements` writes them as
JSON lines (0600) for the team, who may add them to the labelled examples.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.diagnostics import did_you_mean
from ..core.errors import UserError
from ..core.practice import (
    CODES,
    Code,
    Coder,
    Feedback,
    Practice,
    Scenario,
    ScenarioBank,
    Scorecard,
    Turn,
    format_ratio,
    format_target,
    kept_codes,
    load_scenarios,
    scorecard,
)
from ..i18n import N_, t, tn
from .content import prompts_dir

if TYPE_CHECKING:
    from ..store import Store

SCRIPT = "practice"
MODE = "practice"
EVENT_PREFIX = "practice_"
DISAGREE = EVENT_PREFIX + "disagree"


def practice_dir() -> Path:
    return prompts_dir() / "practice"


_BANKS: dict[str, ScenarioBank] = {}


def load_bank(lang: str = "en", folder: Path | None = None) -> ScenarioBank:
    """The scenario bank for `lang` (English if that language has none)."""
    folder = folder or practice_dir()
    key = f"{folder}:{lang}"
    if key not in _BANKS:
        path = folder / f"{lang}.yaml"
        if not path.is_file():
            path = folder / "en.yaml"
        if not path.is_file():
            raise UserError("the practice scenarios are missing",
                            f"reinstall Reflect or restore {folder / 'en.yaml'}")
        _BANKS[key] = load_scenarios(path.read_text(encoding="utf-8"), str(path), lang)
    return _BANKS[key]


def select(bank: ScenarioBank, ids: Sequence[str] | None = None, offset: int = 0
           ) -> list[Scenario]:
    """The scenarios of a run: the named ones in that order, else the bank from `offset`."""
    if ids:
        out = []
        for sid in ids:
            found = bank.get(sid)
            if found is None:
                raise UserError(f"there is no practice scenario '{sid}'",
                                did_you_mean(sid, bank.ids()) or
                                "see `reflect practice --list`")
            out.append(found)
        return out
    items = list(bank.scenarios)
    k = offset % len(items) if items else 0
    return items[k:] + items[:k]


def analysis_coder() -> Coder:
    """The real coder: `assistant.analysis.code_reply`, with its reason in the run's language."""

    def code(reply: str, previous: str | None, lang: str) -> Code:
        from ..analysis import code_reply

        rc = code_reply(reply, previous=previous, lang=lang)
        base = Code.of(rc)
        return Code(base.code, base.why, base.leading, base.stacked, base.judgement,
                    reason_id=rc.reason_id, reason=rc.reason_for(lang))

    return code


# --------------------------------------------------------------------------- a run


class PracticeRun:
    """One stored practice session. Each method stores its event before it returns."""

    def __init__(self, store: Store, practice: Practice, session_id: str) -> None:
        self.store = store
        self.practice = practice
        self.id = session_id
        self.finished = False

    @classmethod
    def start(cls, store: Store, lang: str = "en", *, scenarios: Sequence[str] | None = None,
              coder: Coder | None = None, bank: ScenarioBank | None = None) -> PracticeRun:
        bank = bank or load_bank(lang)
        earlier = len(store.sessions(script=SCRIPT))
        chosen = select(bank, scenarios, offset=earlier)
        practice = Practice(chosen, coder or analysis_coder(), lang)
        sid = store.create_session(SCRIPT, lang, title=t("Active-listening practice",
                                                         lang), mode=MODE,
                                   meta={"scenarios": [s.id for s in chosen]})
        return cls(store, practice, sid)

    @property
    def lang(self) -> str:
        return self.practice.lang

    def current(self) -> Turn:
        return self.practice.current()

    def reply(self, text: str) -> Feedback:
        feedback = self.practice.reply(text)
        self.store.append_event(self.id, EVENT_PREFIX + "reply", feedback.reply.as_payload())
        return feedback

    def safety_notices(self, text: str) -> list[str]:
        """The notices of the `safety` rule set for what the mentor typed: practice
        is no dialogue, but a reply that suggests a crisis, harassment or violence gets
        the same calm notice of where to turn."""
        return safety_notices(text, self.lang)

    def retry(self) -> Turn:
        if not self.practice.current().can_retry:
            return self.practice.current()
        turn = self.practice.retry()
        self.store.append_event(self.id, EVENT_PREFIX + "retry", {"step": turn.step})
        return turn

    def next(self) -> Turn:
        left = self.practice.current().scenario
        turn = self.practice.next()
        self.store.append_event(self.id, EVENT_PREFIX + "next",
                                {"left": left.id if left else None})
        return turn

    def scorecard(self) -> Scorecard:
        return self.practice.scorecard()

    def mark_wrong(self, suggested: str | None = None) -> dict[str, Any] | None:
        """Mark the code of the last kept reply as wrong, with the code the mentor would
        give (one of the eight, or None); stored before returning. None when there is no
        reply yet."""
        kept = self.practice.kept()
        if not kept:
            return None
        if suggested is not None and suggested not in CODES:
            raise ValueError(f"unknown code {suggested!r}")
        last = kept[-1]
        mark = {"scenario": last.scenario, "step": last.step, "mentee": last.mentee,
                "text": last.text, "code": last.code.code, "reason": last.code.reason,
                "suggested": suggested, "lang": self.lang}
        self.store.append_event(self.id, DISAGREE, mark)
        return mark

    def finish(self) -> Scorecard:
        """Store the scorecard and mark the session finished (once)."""
        card = self.practice.scorecard()
        if not self.finished:
            self.store.append_event(self.id, EVENT_PREFIX + "finished", card.as_dict())
            self.store.set_status(self.id, "finished")
            self.finished = True
        return card


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class ProgressPoint:
    """One stored practice session, reduced to its scorecard."""

    session: str
    at: float
    lang: str
    card: Scorecard

    @property
    def date(self) -> str:
        return _dt.datetime.fromtimestamp(self.at).strftime("%Y-%m-%d %H:%M")

    def value(self, key: str) -> float | None:
        return self.card.measure(key).value


def safety_notices(text: str, lang: str, library: Any = None) -> list[str]:
    """The `safety` rule set's notices whose condition holds for `text` (the real rules,
    in `lang`, so practice says exactly what a dialogue would)."""
    from ..analysis import analyse
    from .library import Library

    facts = analyse(text, lang=lang).as_dict()
    if not facts.get("safety_concern"):
        return []
    rules = (library or Library()).rulesets(lang).get("safety")
    if rules is None:
        return []
    ctx = {"facts": facts, "answer": {"text": text, "value": text, "words": facts["words"],
                                      "probes": 0},
           "answers": {}, "vars": {}, "flags": [], "visits": {}, "lang": lang,
           "step": {"id": "practice", "kind": "text", "tags": []}}
    return [rule.then.notice for rule in rules.rules if rule.then.notice and rule.when(ctx)]


def progress(store: Store, *, limit: int | None = None) -> list[ProgressPoint]:
    """Practice sessions with at least one kept reply, oldest first."""
    points = []
    for info in store.sessions(script=SCRIPT, limit=limit):
        events = store.events(info.id)
        codes = kept_codes((e.kind.removeprefix(EVENT_PREFIX), e.payload) for e in events
                           if e.kind.startswith(EVENT_PREFIX))
        if codes:
            points.append(ProgressPoint(info.id, info.created, info.lang, scorecard(codes)))
    points.sort(key=lambda p: (p.at, p.session))
    return points


def disagreements(store: Store) -> list[dict[str, Any]]:
    """Every code a mentor marked as wrong, oldest session first, with session and time."""
    out = []
    for info in sorted(store.sessions(script=SCRIPT), key=lambda i: (i.created, i.id)):
        for e in store.events(info.id):
            if e.kind == DISAGREE:
                out.append({**e.payload, "session": info.id, "at": e.at})
    return out


def export_disagreements(store: Store, output: str | None = None) -> tuple[Path, int]:
    """Write the marks as JSON lines, private to the user; (the file, how many marks)."""
    import json

    from ..core.safe_text import json_text
    from .exports import target, write_private

    marks = disagreements(store)
    name = f"reflect-coder-disagreements-{_dt.date.today().isoformat()}.jsonl"
    text = "".join(json_text(json.dumps(m, ensure_ascii=False, sort_keys=True)) + "\n"
                   for m in marks)
    return write_private(target(output, name), text), len(marks)


MEASURES = ("rq_ratio", "open_share", "complex_share")

# The practice's vocabulary in the app's words (said with i18n.t in the person's language).
CODE_NAMES = {
    "open_question": N_("open question"),
    "closed_question": N_("closed question"),
    "simple_reflection": N_("simple reflection"),
    "complex_reflection": N_("complex reflection"),
    "affirmation": N_("affirmation"),
    "advice": N_("advice"),
    "information": N_("information"),
    "other": N_("other"),
}
MODIFIER_NAMES = {
    "why": N_("why question"),
    "leading": N_("leading"),
    "stacked": N_("stacked questions"),
    "judgement": N_("judgement"),
}
#: One sentence on what each kind of reply (code or modifier) does to the conversation.
NOTES = {
    "open_question": N_("Open questions hand the conversation to the mentee."),
    "closed_question": N_("A closed question gets a short answer; try opening it with what "
                          "or how."),
    "simple_reflection": N_("Reflecting back shows you heard; adding a feeling or meaning "
                            "takes it deeper."),
    "complex_reflection": N_("A complex reflection guesses at what lies underneath and "
                             "invites the mentee to go further."),
    "affirmation": N_("Recognising effort builds trust; keep it specific and honest."),
    "advice": N_("Unasked advice tends to get a \"yes, but\"; understand first, then ask "
                 "whether ideas are welcome."),
    "information": N_("Information moves the focus away from the mentee; save it until "
                      "they ask."),
    "other": N_("This neither asks nor reflects; the mentee has little to answer."),
    "why": N_("\"Why\" can sound like a demand to justify oneself; \"what\" or \"how\" "
              "invites more."),
    "leading": N_("A leading question already holds its answer; leave the answer to the "
                  "mentee."),
    "stacked": N_("Several questions at once leave the mentee choosing; ask one and wait."),
    "judgement": N_("A judgement makes it harder to speak openly; describe, don't rate."),
}
LEVEL_NAMES = {
    "good": N_("good"),
    "fair": N_("fair"),
    "below": N_("below target"),
    "none": N_("not measured yet"),
}
MEASURE_NAMES = {
    "rq_ratio": N_("Reflection-to-question ratio"),
    "open_share": N_("Open questions"),
    "complex_share": N_("Complex reflections"),
}
TREND_NAMES = {
    "up": N_("rising"),
    "down": N_("falling"),
    "same": N_("steady"),
    "none": N_("not enough sessions yet"),
}


def trend(points: Sequence[ProgressPoint], key: str) -> str:
    """'up', 'down', 'same' or 'none', from the first measured session to the latest."""
    values = [p.value(key) for p in points if p.value(key) is not None]
    if len(values) < 2:
        return "none"
    first, last = values[0], values[-1]
    if abs(last - first) < 1e-9:
        return "same"
    return "up" if last > first else "down"


def progress_markdown(points: Sequence[ProgressPoint], lang: str = "en") -> str:
    """The progress report (Markdown) from the bundled template for `lang`."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folder = practice_dir()
    path = folder / ("progress.md.j2" if lang == "en" else f"progress.{lang}.md.j2")
    if not path.is_file():
        path = folder / "progress.md.j2"
    env = SandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True, undefined=StrictUndefined)
    template = env.from_string(path.read_text(encoding="utf-8"))
    rows = [{"date": p.date, "session": p.session, "lang": p.lang,
             "replies": p.card.total, "questions": p.card.questions,
             "reflections": p.card.reflections,
             **{k: format_ratio(p.card.measure(k)) for k in MEASURES},
             **{f"{k}_level": t(LEVEL_NAMES[p.card.measure(k).level], lang)
                for k in MEASURES}}
            for p in points]
    measures = []
    for key in MEASURES:
        latest = points[-1].card.measure(key) if points else None
        measures.append({
            "key": key,
            "name": t(MEASURE_NAMES[key], lang),
            "trend": trend(points, key),
            "trend_text": t(TREND_NAMES[trend(points, key)], lang),
            "latest": format_ratio(latest) if latest else "—",
            "level": t(LEVEL_NAMES[latest.level], lang) if latest else "",
            "target": format_target(latest) if latest else "",
        })
    return template.render(sessions=rows, measures=measures, count=len(points))


def measure_line(card: Scorecard, key: str, lang: str) -> dict[str, Any]:
    """The words a front end shows for one measure of a scorecard."""
    m = card.measure(key)
    return {"name": t(MEASURE_NAMES[key], lang), "value": format_ratio(m),
            "detail": measure_detail(key, m.numerator, m.denominator, lang),
            "level": m.level, "level_text": t(LEVEL_NAMES[m.level], lang),
            "target": t("fair / good: {target}", lang, target=format_target(m))}


def measure_detail(key: str, num: int, den: int, lang: str) -> str:
    """What a measure counts, e.g. "1 reflection, 3 questions" (each noun in the form its
    own count takes)."""
    if key == "rq_ratio":
        return (tn("{n} reflection", "{n} reflections", num, lang) + ", "
                + tn("{n} question", "{n} questions", den, lang))
    if key == "open_share":
        return tn("{num} of {n} question", "{num} of {n} questions", den, lang, num=num)
    return tn("{num} of {n} reflection", "{num} of {n} reflections", den, lang, num=num)


def modifier_name(modifier: str, lang: str) -> str:
    return t(MODIFIER_NAMES[modifier], lang)


def note_text(code_or_modifier: str, lang: str) -> str:
    """The sentence on what a code or a modifier does to the conversation."""
    return t(NOTES[code_or_modifier], lang)


def code_label(code: str, lang: str) -> str:
    return t(CODE_NAMES.get(code, CODE_NAMES["other"]), lang)


def modifier_labels(code: Code, lang: str) -> list[str]:
    return [t(MODIFIER_NAMES[m], lang) for m in code.modifiers]
