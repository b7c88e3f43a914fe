"""The dialogue stepper: a pure object that says which turn comes next.

The stepper never asks anything itself. A front end (plain or TUI) shows `current()`,
passes what the person entered to `answer()`, `skip()`, `back()` or `edit()`, stores the
events the call produced (`take_events()`), and then shows the returned `Turn`.

Its state is a fold over `Event`s: `Stepper(script, events=stored)` rebuilds exactly the
state the events led to, which is how `reflect resume` continues a killed session. Facts
about an answer (from the analysis) are computed once, when the answer is given, and
kept in the event, so replaying never depends on the analysis being loaded or unchanged.
Time comes from an injected clock.

Paths and superseded answers
----------------------------
The live path is the list of step visits the answers lead through. `back()` moves the
cursor one visit back and keeps what follows, prefilled. Answering again walks the path
ahead anew from the new answer: every visit the walk reaches again (the same step, the
same visit of a looped step) keeps its answer, wherever it now stands; the walk stops
at the first step without an answer. When that is a new question (a branch the answer
opened), the walk looks on past it as if it were left open: the later answers it
reaches stay on the path, after the new question, and are checked again once it is
answered. Visits the walk does not reach leave the path: they move to `superseded`
(kept for history, left out of summaries), and come back only as a pre-filled
suggestion (`Turn.prefill`) if a later change brings their step back.

So an edit from the review that changes the branch keeps every later answer whose
step is still on the new path, asks only the questions the new branch adds, and
returns to the review. `edit()` starts such a round: until the review is reached
again, each answer moves on to the first step still to answer.

Drafts and resuming
-------------------
`draft(text)` keeps what the person typed but did not send (on pause, quit or going
back): it is an event like any other, stored with the session, and comes back as
`Turn.draft` when the turn is shown again; answering or skipping the question clears
it. `resume()` moves to where a resumed session continues: the first step still to
answer on the path, or an earlier one whose draft is waiting.

Rules
-----
After each answer (and after each probe answer) the script's rules are evaluated in
order: rule sets in the order the script names them, rules in file order. Every rule
whose `on` matches the step and whose `when` holds fires, each at most once per step
visit. Its `set` and `flag` apply at once (later rules see them), tips and notices are
shown with the next turn, and `goto` replaces the step's own `next`. Only one probe is
asked at a time: a matching probe rule that finds another probe pending is left for
the re-evaluation after that probe is answered. The probe's answer is stored with the
step (and its text joins the step's text for the next evaluation).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import messages as m
from .facts import basic_facts
from .messages import NO_WORDS, YES_WORDS, English, Words, say, say_n
from .model import ANSWERABLE, Option, Script, Step

FactsProvider = Callable[[str, str, Mapping[str, Any]], Mapping[str, Any]]
"""(text, lang, context) -> facts. Context has the step's id, kind and tags."""

EVENT_KINDS = ("answered", "probe_answered", "skipped", "back", "edit", "invalid", "finished",
               "draft", "resumed", "kept")
# A visit a rule flagged with one of these is private: summaries and exports meant for
# sharing leave it out unless the person keeps it (`Stepper.keep`). The `safety` rule set
# raises `safety` wherever its notice fires.
PRIVATE_FLAGS = ("safety",)


def _basic_provider(text: str, lang: str, context: Mapping[str, Any]) -> Mapping[str, Any]:
    return basic_facts(text)


@dataclass(frozen=True)
class Event:
    """One thing that happened in a dialogue. Stored as `kind` + `payload()`."""

    kind: str
    step: str = ""
    value: Any = None
    text: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)
    rule: str = ""
    at: float = 0.0
    visit: int = 0  # for "edit": which visit of a looped step (0: the latest)

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.step}
        if self.visit:
            out["visit"] = self.visit
        if self.kind in ("answered", "probe_answered"):
            out.update(value=self.value, text=self.text, facts=dict(self.facts))
        if self.rule:
            out["rule"] = self.rule
        if self.kind == "invalid":
            out["reason"] = self.text
        if self.kind == "draft":
            out["text"] = self.text
        return out

    @classmethod
    def from_payload(cls, kind: str, payload: Mapping[str, Any], at: float = 0.0) -> Event:
        return cls(kind=kind, step=payload.get("step", ""), value=payload.get("value"),
                   text=payload.get("text", payload.get("reason", "")) or "",
                   facts=payload.get("facts") or {}, rule=payload.get("rule", ""), at=at,
                   visit=int(payload.get("visit") or 0))


@dataclass(frozen=True)
class Note:
    """Something said before the next prompt: a tip, a notice (safety) or a warning."""

    kind: str  # "tip" | "notice" | "warning"
    text: str
    rule: str = ""


@dataclass
class Probe:
    rule: str
    question: str
    value: Any = None
    text: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Visit:
    """One visit of a step on the path."""

    step: str
    n: int
    value: Any = None
    text: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)
    answered: bool = False
    skipped: bool = False
    probes: list[Probe] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sets: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    pending: Probe | None = None
    draft: str = ""  # typed, not sent (see "Drafts and resuming")
    draft_rule: str = ""  # "" for the step's own question, else the follow-up's rule
    goto: tuple[str, int | None] | None = None
    invalid: int = 0
    error: str = ""
    kept: bool = False  # flagged private, and the person chose to keep it in what they share
    at: float = 0.0
    recalled: Any = None  # a superseded answer of this step, offered again (pre-filled)

    @property
    def private(self) -> bool:
        """Left out of what is shared: flagged private and not kept."""
        return not self.kept and any(f in PRIVATE_FLAGS for f in self.flags)

    @property
    def done(self) -> bool:
        return (self.answered or self.skipped) and self.pending is None

    def full_text(self) -> str:
        parts = [self.text] + [p.text for p in self.probes if p.text]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class ReviewItem:
    step: str
    prompt: str
    answer: str
    skipped: bool
    visit: int = 1  # which visit of a looped step this answer belongs to


@dataclass(frozen=True)
class Turn:
    """What a front end shows next. `kind` is the step kind, "probe", or "done"."""

    kind: str
    step: Step | None
    prompt: str = ""
    help: str = ""
    notes: tuple[Note, ...] = ()
    error: str = ""
    prefill: Any = None
    can_back: bool = False
    can_skip: bool = False
    answered: int = 0  # questions answered (or skipped) on the live path
    expected: int = 0  # about how many the live path will have
    review: tuple[ReviewItem, ...] = ()
    rule: str = ""
    position: int = 0  # this question's number on the path (1, 2, ...)
    draft: str = ""  # text typed for this turn earlier and not sent

    @property
    def options(self) -> tuple[Option, ...]:
        return self.step.options if self.step else ()


class InvalidAnswer(ValueError):
    pass


class Stepper:
    """Drive one run of a script. See the module docstring for the model."""

    def __init__(self, script: Script, *, lang: str = "en", facts: FactsProvider | None = None,
                 clock: Callable[[], float] = time.time, events: Iterable[Event] = (),
                 words: Words | None = None):
        self.script = script
        self.lang = lang
        #: The catalog the stepper's own sentences are said through (`messages`).
        self.words: Words = words or English()
        self._facts = facts or _basic_provider
        self._clock = clock
        self.path: list[Visit] = []
        self.superseded: list[Visit] = []
        self.history: list[Visit] = []  # earlier answers replaced by an edit of the same visit
        self.cursor = 0
        self.finished = False
        self.editing = False  # an edit from the review is under way (module doc)
        self._notes: list[Note] = []
        self._new: list[Event] = []
        self.events: list[Event] = []
        first = self._first_step()
        if first is not None:
            self.path.append(Visit(first, 1))
        else:
            self.finished = True
        for event in events:
            self._apply(event)
        # A resumed dialogue keeps the tips and notices of the last answer (the person may
        # not have seen them before the process stopped), but not a stale "that is brief".
        self._notes = [n for n in self._notes if n.kind != "warning"]

    # ------------------------------------------------------------------ public API

    def current(self) -> Turn:
        if self.finished or self.cursor >= len(self.path):
            return Turn("done", None, answered=self._answered_count(),
                        expected=self._answered_count(), notes=tuple(self._notes))
        visit = self.path[self.cursor]
        step = self.script.step(visit.step)
        can_back = self._previous_index() is not None or visit.pending is not None
        can_skip = (not step.required) or visit.invalid >= 2
        notes = list(self._notes)
        if visit.invalid >= 2 and step.required:
            notes.append(Note("warning", say(self.words, m.MAY_SKIP)))
        answered = self._answered_count()
        position = 1 + sum(1 for v in self.path[: self.cursor]
                           if self.script.step(v.step).kind in ANSWERABLE)
        common = dict(notes=tuple(notes), error=visit.error, can_back=can_back,
                      answered=answered, expected=answered + self._remaining(),
                      position=position)
        if visit.pending is not None:
            draft = visit.draft if visit.draft_rule == visit.pending.rule else ""
            return Turn("probe", step, prompt=visit.pending.question, rule=visit.pending.rule,
                        can_skip=True, draft=draft, **common)
        if step.kind == "review":
            return Turn("review", step, prompt=step.prompt, help=step.help,
                        review=tuple(self._review_items()), **common)
        return Turn(step.kind, step, prompt=step.prompt, help=step.help, can_skip=can_skip,
                    prefill=visit.value if visit.answered else visit.recalled,
                    draft="" if visit.draft_rule else visit.draft, **common)

    def answer(self, value: Any = None) -> Turn:
        """Give an answer to the current turn (text, option value or number, bool, ...)."""
        turn = self.current()
        if turn.kind == "done":
            return turn
        visit = self.path[self.cursor]
        step = turn.step
        assert step is not None
        now = self._clock()
        if turn.kind == "review":
            self._emit(Event("finished", step.id, at=now))
            return self.current()
        if turn.kind == "probe":
            text = _clean_text(value)
            if not text:
                self._emit(Event("skipped", step.id, rule=visit.pending.rule, at=now))
                return self.current()
            combined = "\n".join(p for p in [visit.full_text(), text] if p)
            facts = dict(self._facts(combined, self.lang, self._fact_context(step)))
            self._emit(Event("probe_answered", step.id, text, text, facts,
                             rule=visit.pending.rule, at=now))
            return self.current()
        if step.kind == "info":
            self._emit(Event("answered", step.id, None, "", {}, at=now))
            return self.current()
        kept = turn.prefill if value is None or value == "" else None
        if kept is not None:
            # An empty entry keeps the answer shown (given before, or a superseded one
            # offered again): the stored value itself, never parsed again as typed text.
            parsed, text = kept, (kept if step.kind == "text" else
                                  display_value(step, kept, self.words))
        else:
            try:
                parsed, text = self._parse(step, value)
            except InvalidAnswer as exc:
                self._emit(Event("invalid", step.id, text=str(exc), at=now))
                return self.current()
        facts = dict(self._facts(text, self.lang, self._fact_context(step))) if text else {}
        self._emit(Event("answered", step.id, parsed, text, facts, at=now))
        return self.current()

    def skip(self) -> Turn:
        turn = self.current()
        if turn.kind == "done":
            return turn
        if not turn.can_skip:
            visit = self.path[self.cursor]
            self._emit(Event("invalid", visit.step, text=say(self.words, m.REQUIRED),
                             at=self._clock()))
            return self.current()
        visit = self.path[self.cursor]
        rule = visit.pending.rule if visit.pending else ""
        self._emit(Event("skipped", visit.step, rule=rule, at=self._clock()))
        return self.current()

    def back(self) -> Turn:
        if self.finished:
            return self.current()
        visit = self.path[self.cursor]
        if visit.pending is None and self._previous_index() is None:
            return self.current()
        self._emit(Event("back", visit.step, at=self._clock()))
        return self.current()

    def edit(self, step_id: str, visit: int = 0) -> Turn:
        """From the review page: reopen the answer of `step_id` on the live path.

        For a looped step, `visit` says which of its answers (1, 2, ...); 0 or none
        means the latest.
        """
        if self.finished or not any(v.step == step_id and (not visit or v.n == visit)
                                    for v in self.path[: self.cursor]):
            return self.current()
        self._emit(Event("edit", step_id, at=self._clock(), visit=visit))
        return self.current()

    def draft(self, text: str) -> Turn:
        """Keep `text`, typed for the current question (or follow-up) and not sent.
        Only text questions have drafts; an empty text, or the answer already given,
        drops a kept draft. Nothing is stored when nothing changed."""
        turn = self.current()
        if turn.kind not in ("text", "probe"):
            return turn
        text = _clean_draft(text)
        if text and turn.kind == "text" and turn.prefill is not None and text.strip() == str(
                turn.prefill).strip():
            text = ""  # the answer as it stands: nothing unsent
        if text != turn.draft:
            assert turn.step is not None
            self._emit(Event("draft", turn.step.id, text=text, rule=turn.rule,
                             at=self._clock()))
        return self.current()

    def resume(self) -> Turn:
        """Move to where a resumed session continues: the first step on the path still
        to answer, or an earlier one with a kept draft. Stored as an event only when
        the cursor moves (after going back, or inside an edit from the review)."""
        if self.finished or self.cursor >= len(self.path):
            return self.current()
        target = self._first_open()
        if target != self.cursor:
            visit = self.path[target]
            self._emit(Event("resumed", visit.step, at=self._clock(), visit=visit.n))
        return self.current()

    def first_open(self) -> int:
        """The index on the path where `resume()` continues."""
        return self._first_open()

    def _first_open(self) -> int:
        for i, v in enumerate(self.path):
            if v.draft or not v.done:
                return i
        # Everything on the path is answered (going back from a follow-up leaves its
        # question answered, with nothing after it yet): continue at the last one.
        return len(self.path) - 1

    def keepable(self) -> Visit | None:
        """The latest private visit on the live path, the one `keep()` would keep."""
        for v in reversed(self.path):
            if (v.answered or v.skipped) and v.private:
                return v
        return None

    def keep(self, step_id: str = "", visit: int = 0) -> Turn:
        """Keep a private answer in the summaries the person shares (by default the
        latest one, `keepable()`); also after the dialogue is finished."""
        target = None
        if step_id:
            target = next((v for v in reversed(self.path) if v.step == step_id
                           and (not visit or v.n == visit) and v.private), None)
        else:
            target = self.keepable()
        if target is not None:
            self._emit(Event("kept", target.step, at=self._clock(), visit=target.n))
        return self.current()

    def take_events(self) -> list[Event]:
        """The events produced since the last call; the front end stores them."""
        out, self._new = self._new, []
        return out

    # ------------------------------------------------------------------ results

    def answered_count(self) -> int:
        """Questions answered (or skipped) on the live path, also those after the cursor
        while the person went back or edits from the review; info pages and probes not
        counted."""
        return self._answered_count()

    def answers_so_far(self) -> list[ReviewItem]:
        """The answers on the live path, as the review page lists them, including the
        current step's own answer while one of its follow-ups is waiting."""
        return self._review_items()

    def live_visits(self) -> list[Visit]:
        """Answered visits on the live path, in order (the cursor's own pending one too)."""
        return [v for v in self.path if v.answered or v.skipped]

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for v in self.live_visits():
            step = self.script.step(v.step)
            if step.kind in ANSWERABLE:
                out[step.key] = None if v.skipped else v.value
        return out

    def display(self, step: Step, visit: Visit) -> str:
        """An answer as a person reads it: labels for options, yes/no, the text itself."""
        if visit.skipped:
            return say(self.words, m.SKIPPED)
        return display_value(step, visit.value, self.words)

    def variables(self) -> tuple[dict[str, Any], list[str]]:
        values: dict[str, Any] = {}
        flags: list[str] = []
        for v in self.path:
            if v.answered or v.skipped:
                values.update(v.sets)
                flags.extend(f for f in v.flags if f not in flags)
        return values, flags

    # ------------------------------------------------------------------ the fold

    def _emit(self, event: Event) -> None:
        self._apply(event)
        self._new.append(event)

    def _apply(self, event: Event) -> None:
        self.events.append(event)
        if event.kind == "kept":  # a choice about an answer given: allowed when finished
            for v in reversed(self.path):
                if v.step == event.step and (not event.visit or v.n == event.visit):
                    v.kept = True
                    break
            return
        if self.finished:
            return
        if event.kind not in EVENT_KINDS:
            return
        if self.cursor >= len(self.path):
            return
        visit = self.path[self.cursor]
        if event.kind == "edit":
            for i in range(self.cursor - 1, -1, -1):
                if self.path[i].step == event.step and (not event.visit
                                                        or self.path[i].n == event.visit):
                    self.cursor = i
                    self.editing = True
                    break
            self._notes = []
            return
        if event.kind == "resumed":
            for i, v in enumerate(self.path):
                if v.step == event.step and v.n == event.visit:
                    self.cursor = i
                    if self.script.step(v.step).kind == "review":
                        self.editing = False
                    break
            return
        if event.step and event.step != visit.step:
            if not self._pass_over(event.step):
                return  # an event for another step cannot apply here (damaged history)
            visit = self.path[self.cursor]
        step = self.script.step(visit.step)
        if event.kind == "draft":
            visit.draft, visit.draft_rule = event.text, event.rule
            return
        if event.kind == "invalid":
            visit.invalid += 1
            visit.error = event.text
            self._notes = []
            return
        visit.error = ""
        if event.kind == "back":
            self._notes = []
            if visit.pending is not None:
                visit.pending = None
                return
            prev = self._previous_index()
            if prev is not None:
                self.cursor = prev
            return
        if event.kind == "finished":
            self.finished = True
            visit.answered = True
            visit.at = event.at
            self._notes = []
            return
        if event.kind in ("answered", "skipped", "probe_answered"):
            # Sent: the draft of what was answered is no longer unsent.
            if visit.pending is None or visit.draft_rule == visit.pending.rule:
                visit.draft, visit.draft_rule = "", ""
        if event.kind == "probe_answered" and visit.pending is not None:
            visit.pending.value = event.value
            visit.pending.text = event.text
            visit.pending.facts = dict(event.facts)
            visit.probes.append(visit.pending)
            visit.pending = None
            visit.facts = dict(event.facts)
            self._notes = []
            self._fire(visit, step)
        elif event.kind == "skipped" and visit.pending is not None:
            visit.pending = None
            self._notes = []
            self._fire(visit, step)
        elif event.kind == "skipped":
            if visit.answered or visit.skipped:
                self.history.append(replace(visit))
            self._reset(visit)
            visit.skipped = True
            visit.at = event.at
            self._notes = []
        elif event.kind == "answered":
            unchanged = visit.answered and visit.value == event.value and visit.done
            if unchanged:
                self._notes = []
            else:
                if visit.answered or visit.skipped:
                    self.history.append(replace(visit, probes=list(visit.probes)))
                self._reset(visit)
                visit.answered = True
                visit.value = event.value
                visit.text = event.text
                visit.facts = dict(event.facts)
                visit.at = event.at
                self._notes = []
                if step.min_words and step.kind == "text":
                    words = int(event.facts.get("words", len(event.text.split())))
                    if 0 < words < step.min_words:
                        self._notes.append(Note("warning", say_n(self.words, m.MIN_WORDS,
                                                                 words)))
                if step.kind in ANSWERABLE:
                    self._fire(visit, step)
        else:
            return
        if visit.pending is None:
            self._advance()

    def _pass_over(self, step_id: str) -> bool:
        """Replaying a session made with an earlier version of the script: the event names
        a step further on. Questions the script gained since are passed over (left
        skipped: never asked, open to answer from the review), and a follow-up the earlier
        version did not ask is dropped, so every later answer still lands on its step.
        True when the cursor now stands on `step_id`; False (nothing passed) otherwise."""
        try:
            target = self.script.index(step_id)
        except KeyError:
            return False
        for _ in range(len(self.script.steps)):
            if self.cursor >= len(self.path):
                return False
            visit = self.path[self.cursor]
            if visit.step == step_id:
                return True
            step = self.script.step(visit.step)
            if self.script.index(visit.step) >= target or step.kind == "review":
                return False
            if visit.pending is not None:
                visit.pending = None
            elif not visit.done:
                visit.skipped = True
            else:
                return False
            self._advance()
        return False

    def _reset(self, visit: Visit) -> None:
        visit.value, visit.text, visit.facts = None, "", {}
        visit.answered = visit.skipped = False
        visit.probes, visit.fired, visit.notes = [], [], []
        visit.sets, visit.flags, visit.goto, visit.pending = {}, [], None, None
        visit.invalid = 0
        visit.kept = False

    def _fire(self, visit: Visit, step: Step) -> None:
        for rule in self.script.rules:
            if rule.id in visit.fired or not rule.applies_to(step):
                continue
            if rule.then.probe and visit.pending is not None:
                continue  # one probe at a time; re-evaluated after this one is answered
            if not rule.when(self._context(self.cursor, rule_step=step, visit=visit)):
                continue
            visit.fired.append(rule.id)
            act = rule.then
            visit.sets.update(act.set)
            visit.flags.extend(f for f in act.flag if f not in visit.flags)
            if act.tip:
                note = Note("tip", act.tip, rule.id)
                visit.notes.append(note)
                self._notes.append(note)
            if act.notice:
                note = Note("notice", act.notice, rule.id)
                visit.notes.append(note)
                self._notes.append(note)
            if act.probe:
                visit.pending = Probe(rule.id, act.probe)
            if act.goto:
                visit.goto = (act.goto, act.goto_max)

    def _advance(self) -> None:
        """Visit `cursor` is done: walk the path ahead anew (see the module doc)."""
        i = self.cursor
        ahead = self.path[i + 1:]  # the visits that followed, in order
        del self.path[i + 1:]
        frontier: int | None = None
        while True:
            expected = self._next_from(len(self.path) - 1)
            if expected is None:
                break
            n = 1 + sum(1 for v in self.path if v.step == expected)
            visit = _take(ahead, expected, n)
            if visit is None:
                visit = Visit(expected, n)
                earlier = self._superseded_answer(expected, n)
                if earlier is not None:
                    visit.recalled = earlier.value
            self.path.append(visit)
            if not visit.done:
                frontier = len(self.path) - 1
                break
        left = [v for v in ahead if v.answered or v.skipped]
        if frontier is not None and left and self.script.step(expected).kind != "review":
            kept = self._foresee(left)
            self.path.extend(kept)
            left = [v for v in left if not any(v is k for k in kept)]
        self.superseded.extend(left)
        if frontier is None:
            self.finished = True
            self.cursor = len(self.path)
            self.editing = False
            return
        self.cursor = frontier if self.editing else i + 1
        if self.script.step(self.path[self.cursor].step).kind == "review":
            self.editing = False

    def _foresee(self, answered: list[Visit]) -> list[Visit]:
        """Which of the `answered` visits the path reaches after the question at its end,
        were that question (and any other new one) left open, in the order reached."""
        frontier = self.path[-1]
        saved = len(self.path)
        pool = list(answered)
        kept: list[Visit] = []
        self.path[-1] = replace(frontier, skipped=True)
        try:
            # Loops are bounded by their `max` (visits count), the walk by the script.
            for _ in range(4 * len(self.script.steps) + len(pool)):
                expected = self._next_from(len(self.path) - 1)
                if expected is None or self.script.step(expected).kind == "review":
                    break
                n = 1 + sum(1 for v in self.path if v.step == expected)
                visit = _take(pool, expected, n)
                if visit is None:
                    visit = Visit(expected, n, skipped=True)  # another new question
                else:
                    kept.append(visit)
                self.path.append(visit)
        finally:
            del self.path[saved:]
            self.path[-1] = frontier
        return kept

    def _superseded_answer(self, step: str, n: int) -> Visit | None:
        """The latest superseded answer of (`step`, `n`), to offer again."""
        for v in reversed(self.superseded):
            if v.step == step and v.n == n and v.answered and not v.skipped:
                return v
        return None

    def _next_from(self, i: int) -> str | None:
        """The step that follows visit `i`, given the answers up to and including it."""
        visit = self.path[i]
        step = self.script.step(visit.step)
        ctx = self._context(i + 1)
        visits = ctx["visits"]
        target: str | None = None
        if visit.goto is not None:
            goto, bound = visit.goto
            if bound is None or visits.get(goto, 0) < bound:
                target = goto
        if target is None:
            for branch in step.next:
                if branch.when is not None and not branch.when(ctx):
                    continue
                if branch.max is not None and visits.get(branch.goto, 0) >= branch.max:
                    continue
                target = branch.goto
                break
        index = self.script.index(target) if target else self.script.index(step.id) + 1
        # Steps whose `when` does not hold are passed over, in script order.
        while index < len(self.script.steps):
            candidate = self.script.steps[index]
            if candidate.when is None or candidate.when(ctx):
                return candidate.id
            index += 1
        return None

    def _first_step(self) -> str | None:
        ctx = self._context(0)
        for s in self.script.steps:
            if s.when is None or s.when(ctx):
                return s.id
        return None

    def _previous_index(self) -> int | None:
        for i in range(self.cursor - 1, -1, -1):
            if self.script.step(self.path[i].step).kind != "info":
                return i
        return None

    # ------------------------------------------------------------------ context

    def _context(self, upto: int, *, rule_step: Step | None = None,
                 visit: Visit | None = None) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        visits: dict[str, int] = {}
        values: dict[str, Any] = {}
        flags: list[str] = []
        for v in self.path[:upto]:
            if not (v.answered or v.skipped) and v is not visit:
                continue
            step = self.script.step(v.step)
            visits[v.step] = visits.get(v.step, 0) + 1
            if step.kind in ANSWERABLE:
                answers[step.key] = None if v.skipped else v.value
                facts[step.key] = dict(v.facts)
            values.update(v.sets)
            flags.extend(f for f in v.flags if f not in flags)
        if visit is not None:
            values.update(visit.sets)
            flags.extend(f for f in visit.flags if f not in flags)
        ctx: dict[str, Any] = {"answers": answers, "vars": values, "flags": flags,
                               "visits": visits, "lang": self.lang, "facts": facts}
        if rule_step is not None and visit is not None:
            ctx["answer"] = {"text": visit.full_text(), "value": visit.value,
                             "words": int(visit.facts.get("words", 0)) if visit.facts else
                             len(visit.full_text().split()),
                             "probes": len(visit.probes)}
            ctx["facts"] = dict(visit.facts)
            ctx["step"] = {"id": rule_step.id, "kind": rule_step.kind,
                           "tags": list(rule_step.tags)}
        return ctx

    def _fact_context(self, step: Step) -> dict[str, Any]:
        prev = ""
        for v in reversed(self.path[: self.cursor]):
            if v.text:
                prev = v.text
                break
        return {"step": step.id, "kind": step.kind, "tags": list(step.tags), "previous": prev}

    # ------------------------------------------------------------------ helpers

    def _answered_count(self) -> int:
        return sum(1 for v in self.path if (v.answered or v.skipped)
                   and self.script.step(v.step).kind in ANSWERABLE)

    def _remaining(self) -> int:
        """About how many questions are still to answer: those on the path without an
        answer, then the steps after the path whose `when` holds so far."""
        open_visits = [v for v in self.path if not (v.answered or v.skipped)]
        count = sum(1 for v in open_visits if self.script.step(v.step).kind in ANSWERABLE)
        last = len(self.path) - 1
        visit = self.path[last]
        start = self.script.index(visit.step) + (0 if any(v is visit for v in open_visits) else 1)
        ctx = self._context(len(self.path))
        for s in self.script.steps[start:]:
            if s.kind in ANSWERABLE and s.id != visit.step and (s.when is None or s.when(ctx)):
                count += 1
        return count

    def _review_items(self) -> list[ReviewItem]:
        items = []
        upto = self.cursor
        if upto < len(self.path) and self.path[upto].pending is not None:
            upto += 1
        for v in self.path[:upto]:
            step = self.script.step(v.step)
            if step.kind not in ANSWERABLE:
                continue
            text = self.display(step, v)
            for p in v.probes:
                if p.text:
                    text += f"\n  {p.question} {p.text}"
            items.append(ReviewItem(step.id, step.prompt, text, v.skipped, v.n))
        return items

    def _parse(self, step: Step, value: Any) -> tuple[Any, str]:
        if step.kind == "text":
            text = _clean_text(value)
            if not text and step.required:
                raise InvalidAnswer(say(self.words, m.REQUIRED))
            return text, text
        if step.kind == "choice":
            chosen = _pick(step.options, value)
            if chosen is None:
                raise InvalidAnswer(say(self.words, m.CHOOSE_ONE, n=len(step.options)))
            return chosen.value, chosen.label
        if step.kind == "multi":
            items = value if isinstance(value, (list, tuple)) else str(value or "").replace(
                ";", ",").split(",")
            picked: list[Option] = []
            for item in items:
                if isinstance(item, str) and not item.strip():
                    continue
                opt = _pick(step.options, item)
                if opt is None:
                    raise InvalidAnswer(say(self.words, m.CHOOSE_MANY, n=len(step.options)))
                if opt not in picked:
                    picked.append(opt)
            if not picked and step.required:
                raise InvalidAnswer(say(self.words, m.CHOOSE_MANY, n=len(step.options)))
            return [o.value for o in picked], ", ".join(o.label for o in picked)
        if step.kind == "scale":
            try:
                n = int(str(value).strip()) if not isinstance(value, bool) else None
            except (TypeError, ValueError):
                n = None
            if n is None or not step.min <= n <= step.max:
                raise InvalidAnswer(say(self.words, m.SCALE, lo=step.min, hi=step.max))
            return n, display_value(step, n, self.words)
        if step.kind == "yesno":
            if isinstance(value, bool):
                return value, say(self.words, m.YES if value else m.NO)
            word = str(value or "").strip().lower()
            if word in YES_WORDS:
                return True, say(self.words, m.YES)
            if word in NO_WORDS:
                return False, say(self.words, m.NO)
            raise InvalidAnswer(say(self.words, m.YESNO))
        return value, ""


def display_value(step: Step, value: Any, words: Words | None = None) -> str:
    if value is None:
        return ""
    if step.kind == "choice":
        return step.option_label(str(value))
    if step.kind == "multi":
        return ", ".join(step.option_label(str(v)) for v in value)
    if step.kind == "scale":
        label = step.labels.get(int(value), "")
        return f"{value} ({label})" if label else f"{value} / {step.max}"
    if step.kind == "yesno":
        return say(words or English(), m.YES if value else m.NO)
    return str(value)


def _take(visits: list[Visit], step: str, n: int) -> Visit | None:
    """Remove and return the visit of (`step`, `n`) from `visits`, if there is one."""
    for k, v in enumerate(visits):
        if v.step == step and v.n == n:
            return visits.pop(k)
    return None


def _pick(options: tuple[Option, ...], value: Any) -> Option | None:
    """The option `value` names. A number (an int) is a position, 1-based; so is text
    that is a number shown beside an option (what a person types in plain mode).
    Other text is an option's value, or its label. A value made of digits ("30"
    minutes) is therefore found by its value only when it is not also a position;
    front ends that know which option was picked pass its position."""
    if isinstance(value, int) and not isinstance(value, bool):
        return options[value - 1] if 1 <= value <= len(options) else None
    text = str(value or "").strip()
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    for opt in options:
        if text == opt.value:
            return opt
    for opt in options:
        if text.lower() == opt.label.lower():
            return opt
    return None


def _clean_draft(value: Any) -> str:
    """A draft as typed, line ends made uniform; only a draft of blanks is empty."""
    text = _clean_text(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n") if text else ""


def _clean_text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()
