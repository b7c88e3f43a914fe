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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.diagnostics import did_you_mean
from ..core.errors import UserError
from ..core.practice import (
    CODES,
    MIN_PROGRESS_REPLIES,
    MIN_PROGRESS_SESSIONS,
    Code,
    Coder,
    Feedback,
    Practice,
    Scenario,
    ScenarioBank,
    Scorecard,
    Tip,
    Turn,
    enough_for_progress,
    format_ratio,
    format_target,
    kept_codes,
    load_scenarios,
    scorecard,
    series,
)
from ..core.safe_text import neutralise
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
        from ..analysis import analyse, code_reply

        rc = code_reply(reply, previous=previous, lang=lang)
        base = Code.of(rc)
        feelings = tuple(analyse(reply, lang=lang).feeling_words)
        return replace(base, reason_id=rc.reason_id, reason=rc.reason_for(lang),
                       feelings=feelings)

    return code


# --------------------------------------------------------------------------- words

#: Three wordings per tip (`assistant.core.practice.TIP_KINDS`), so a session never shows
#: the same sentence twice. {reply} is the mentor's words, {topic} the phrase of a scenario
#: topic (German: accusative, as after "über"), {example} the turn's example reflection,
#: {first} the first of stacked questions.
TIPS: dict[str, tuple[str, str, str]] = {
    "open_up": (
        N_("\"{reply}\" can be answered with yes or no, so you get a fact and then silence. "
           "Keep the topic and open it: \"What goes through your mind when you think about "
           "{topic}?\""),
        N_("\"{reply}\" is a closed question. Asked openly, the same topic lets the mentee "
           "tell you more: \"How do you see {topic} now?\""),
        N_("To hear more than a yes or a no, turn \"{reply}\" into an invitation: \"Tell me "
           "more about {topic}.\""),
    ),
    "why_to_what": (
        N_("\"{reply}\" asks for a reason, and a why can sound like a demand to justify "
           "oneself. Ask with what instead: \"What goes through your mind when you think "
           "about {topic}?\""),
        N_("A why-question such as \"{reply}\" tends to make people defend themselves. Try "
           "how: \"How do you see {topic} now?\""),
        N_("Instead of asking for reasons (\"{reply}\"), invite the story: \"Tell me more "
           "about {topic}.\""),
    ),
    "permission": (
        N_("\"{reply}\" is advice nobody asked for, and it tends to meet a \"yes, but\". "
           "Ask first: \"May I share an idea about {topic}?\" Or reflect first: "
           "\"{example}\""),
        N_("Before advice like \"{reply}\", find out what the mentee has already thought "
           "of: \"What have you considered so far about {topic}?\""),
        N_("The advice in \"{reply}\" may be good, but it came before the mentee felt "
           "heard. Reflect first, for example \"{example}\", then ask whether ideas are "
           "welcome."),
    ),
    "unlead": (
        N_("\"{reply}\" already suggests its answer, so the mentee can only agree or push "
           "back. Leave your view out and ask: \"How do you see {topic} now?\""),
        N_("\"{reply}\" carries your own judgement. Put it aside and reflect what you heard "
           "instead: \"{example}\""),
        N_("Drop the hint in \"{reply}\" and ask openly: \"What goes through your mind when "
           "you think about {topic}?\""),
    ),
    "one_question": (
        N_("You asked several questions at once (\"{reply}\"). Keep one, and wait: "
           "\"{first}\""),
        N_("Two questions in one reply make the mentee choose which to answer. Ask only "
           "\"{first}\" and let the answer come."),
        N_("Cut \"{reply}\" down to its first question, \"{first}\", and leave a pause "
           "after it."),
    ),
    "reflect_next": (
        N_("\"{reply}\" is open: the mentee chooses what to tell you. Next, reflect what "
           "you hear before you ask another question."),
        N_("Good, \"{reply}\" invites the mentee to talk. Aim for two reflections for every "
           "question: answer what comes next with what you understood, not with another "
           "question."),
        N_("An open question like \"{reply}\" works best followed by a reflection. Say back "
           "what lies under the next answer, the way \"{example}\" does for this one."),
    ),
    "deepen": (
        N_("\"{reply}\" says back what the mentee said. Go one step further and name what "
           "it means to them, or the other side of it: \"{example}\""),
        N_("Your reflection \"{reply}\" stays close to the words. A complex reflection adds "
           "the meaning or the feeling underneath: \"{example}\""),
        N_("Deepen \"{reply}\": guess at what lies beneath, or hold both sides of the "
           "dilemma, as in \"{example}\""),
    ),
    "let_it_land": (
        N_("\"{reply}\" names what lies beneath the mentee's words. Now give it a moment; "
           "people often go further on their own."),
        N_("A complex reflection: \"{reply}\" adds something that had not been said. Keep "
           "following with reflections like it, and ask few questions."),
        N_("\"{reply}\" goes beyond the mentee's own words. If it fits, reflect again; if "
           "not, you will be corrected, and that helps too."),
    ),
    "specific": (
        N_("Your affirmation \"{reply}\" is kind. It lands better when it names something "
           "the mentee did, and you go back to listening, for example: \"{example}\""),
        N_("\"{reply}\" praises. Naming a strength from the mentee's own story makes it "
           "believable; follow it with a reflection."),
        N_("Keep affirmations like \"{reply}\" short and specific, then come back to what "
           "the mentee is struggling with: \"{example}\""),
    ),
    "reflect_back": (
        N_("\"{reply}\" keeps you in the conversation but gives the mentee little to work "
           "with. Say back what you heard: \"{example}\""),
        N_("After \"{reply}\" the mentee cannot tell whether you understood. A reflection "
           "shows it: \"{example}\""),
        N_("Try a reflection instead of \"{reply}\": a short one about {topic}, or a deeper "
           "one: \"{example}\""),
    ),
}
TIP_VARIANTS = 3


@dataclass
class Wording:
    """The feedback of one session in words, never the same sentence twice.

    Each tip kind cycles through its wordings; a sentence already shown (the same words
    typed again) is skipped for the next wording. The notes that explain a code are shown
    the first time that code comes up in the session only.
    """

    lang: str
    given: set[str] = field(default_factory=set)
    turns: dict[str, int] = field(default_factory=dict)
    explained: set[str] = field(default_factory=set)

    def suggestion(self, tip: Tip) -> str:
        params = {"reply": neutralise(tip.reply), "topic": tip.topic, "example": tip.example,
                  "first": neutralise(tip.first) or neutralise(tip.reply)}
        start = self.turns.get(tip.kind, 0)
        wordings = TIPS[tip.kind]
        options = [t(wordings[(start + i) % TIP_VARIANTS], self.lang, **params)
                   for i in range(TIP_VARIANTS)]
        fresh = [i for i, text in enumerate(options) if text not in self.given]
        pick = fresh[0] if fresh else 0
        self.turns[tip.kind] = start + pick + 1
        self.given.add(options[pick])
        return options[pick]

    def notes(self, code: Code) -> list[str]:
        out = []
        for key in (code.code, *code.modifiers):
            if key not in self.explained:
                self.explained.add(key)
                out.append(note_text(key, self.lang))
        return out


# --------------------------------------------------------------------------- a run


class PracticeRun:
    """One stored practice session. Each method stores its event before it returns."""

    def __init__(self, store: Store, practice: Practice, session_id: str) -> None:
        self.store = store
        self.practice = practice
        self.id = session_id
        self.finished = False
        self.words = Wording(practice.lang)

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
        return replace(feedback, suggestion=self.words.suggestion(feedback.tip),
                       notes=tuple(self.words.notes(feedback.code)))

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
        if info.meta.get("drill"):
            continue  # drills have their own before/after (services/drill.py)
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
    "advice_share": N_("Unasked advice"),  # drills (services/drill.py)
}
TREND_NAMES = {
    "up": N_("rising"),
    "down": N_("falling"),
    "same": N_("steady"),
    "few": N_("too few replies for a trend"),
}


def trend(points: Sequence[ProgressPoint], key: str) -> str:
    """'up', 'down', 'same' (a slope weighted by replies) or 'few' (too few replies)."""
    return series([p.card for p in points], key).trend


def progress_lines(points: Sequence[ProgressPoint], lang: str) -> dict[str, Any]:
    """What every progress view says, in words: whether there is enough to show, and per
    measure its figure over all sessions (each weighing by its replies) and its trend."""
    cards = [p.card for p in points]
    replies = sum(c.total for c in cards)
    out: dict[str, Any] = {
        "enough": enough_for_progress(cards), "sessions": len(points), "replies": replies,
        "too_few": (tn("Too few replies yet: {n} reply so far.",
                       "Too few replies yet: {n} replies so far.", replies, lang)
                    + " " + t("A trend needs at least {need} replies over {min_sessions} "
                              "sessions; practise a little more first.", lang,
                              need=MIN_PROGRESS_REPLIES, min_sessions=MIN_PROGRESS_SESSIONS)),
        "measures": [],
    }
    for key in MEASURES:
        s = series(cards, key)
        m = s.overall
        out["measures"].append({
            "key": key, "series": s,
            "name": t(MEASURE_NAMES[key], lang),
            "overall": format_ratio(m), "level_key": m.level,
            "level": t(LEVEL_NAMES[m.level], lang),
            "target": format_target(m), "trend": s.trend,
            "trend_text": t(TREND_NAMES[s.trend], lang),
            "measured": s.measured,
        })
    return out


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
    lines = progress_lines(points, lang)
    measures = [{k: v for k, v in m.items() if k != "series"} for m in lines["measures"]]
    return template.render(sessions=rows, measures=measures, count=len(points),
                           enough=lines["enough"], too_few=lines["too_few"])


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
