"""Pair evaluation: a mentor and a mentee evaluate their partnership together.

Each person answers the same evaluation privately; only when both have finished are the
answers shown side by side, with the places where they differ marked "talk about this";
then both agree on actions together. This module is the headless service both front
ends drive (no Textual, no printing). It owns no table of its own: a pair is sessions in
the ordinary :class:`~assistant.store.Store`, so it shares the store's durability and its
safety for two processes on one data home.

How a pair is stored
--------------------
* the **pair record** is the joint session (script ``pair-agreement``, mode ``"pair"``,
  meta ``{pair: CODE, part: "joint", script, lang, host, prompts}``). It is created first,
  so the join code exists as soon as one person has started; its events are the agreed
  actions and next review date, answered together at the end.
* one **member** session per person (the evaluation script, mode ``"pair"``, meta
  ``{pair: CODE, part: "member", name, role}``). Each process only ever appends to its
  own person's session; the other's session is only read, for its progress (answered of
  total), never for its content, until both are finished.

Privacy is the store's rule, not this module's alone: while a member's session is
private (`store.PRIVATE_SESSIONS`: until both members have finished), search and export
leave it out and `Store.events` refuses it. This service reads it with ``owner=True``
only for the person's own dialogue and for progress counts; the reveal (`compare`) reads
it like anyone else would, so it cannot show what the store still keeps private.

The join code is short and typed by people: 6 characters from an alphabet without the
look-alikes 0/O, 1/I/L. Codes are matched case-insensitively and ignore spaces and dashes.

What a person can get wrong (an unknown code, a role already taken, ...) is a
:class:`~assistant.errors.UserError`: its English message and hint are what the CLI
says; its ``key`` (``pair.*``) and ``params`` let the TUI say it in the person's language.
"""

from __future__ import annotations

import datetime as _dt
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import UserError
from ..core.model import ANSWERABLE
from ..core.safe_text import markdown_text, neutralise
from ..core.stepper import FactsProvider, Stepper, Turn, Visit
from ..i18n import N_, translation
from ..store import SessionInfo, Store
from .content import prompts_dir, rules_dir
from .dialogue import Dialogue
from .library import Library

MODE = "pair"
# What each refusal says in the front ends (UserError.key; the CLI says `message`).
NEED_NAME = N_("A pair needs both your names. Please write one for each of you.")
NAME_TOO_LONG = N_("That name is longer than {limit} characters. A first name is enough.")
NO_FREE_CODE = N_("No free pair code could be found. Please try again.")
JOINED_AS = N_("{name} already joined this pair as {role}. Choose that role to continue.")
FULL = N_("This pair already has {names}. Use one of these names to continue.")
UNKNOWN_ROLE = N_("“{role}” is not a role here. Choose mentor or mentee.")
ROLE_TAKEN = N_("This pair already has a {role}. Choose the other role.")
JOINED_JUST_NOW = N_("Someone else joined this pair as {role} just now. Check the names and join "
                     "again.")
NO_CODE = N_("Please type the code from your partner's screen.")
NO_SUCH_CODE = N_("There is no pair with the code {code} here. Check it on your partner's screen.")
NOT_FINISHED = N_("You have not both finished yet. The answers are shown once you both have.")
TEMPLATE_FAILED = N_("The summary template {name} does not work ({error}). Run `reflect "
                     "validate` on it and fix the line it names.")

ROLES = ("mentor", "mentee")
DEFAULT_SCRIPT = "evaluation-reflection"
JOINT_SCRIPT = "pair-agreement"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: A rating difference of this much or more is worth talking about.
RATING_GAP = 2
#: The longest name a person may give (a first name is enough).
NAME_LIMIT = 40


def joint_library() -> Library:
    """Where the joint step and the pair summary templates live (prompts/pair/)."""
    return Library(prompts=prompts_dir() / "pair", rules=rules_dir())


def normalise_code(code: str) -> str:
    return re.sub(r"[\s\-_]", "", str(code or "")).upper()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def other_role(role: str) -> str:
    return ROLES[1] if role == ROLES[0] else ROLES[0]


def _clean_name(name: str) -> str:
    name = " ".join(neutralise(str(name or "")).split())
    if not name:
        raise UserError("a pair needs both people's names", "give one with --name (or --me)",
                        key=NEED_NAME)
    if len(name) > NAME_LIMIT:
        raise UserError(f"that name is longer than {NAME_LIMIT} characters", "use a first name",
                        key=NAME_TOO_LONG, params={"limit": NAME_LIMIT})
    return name


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    session: str
    finished: bool


@dataclass(frozen=True)
class Pair:
    code: str
    script: str
    lang: str
    record: str  # the joint session's id
    host: str  # the name of the person who started the pair; records the joint step
    prompts: str = ""  # folder of the evaluation script when not bundled
    members: tuple[Member, ...] = ()
    agreed: bool = False  # the joint step is finished

    def member(self, name: str) -> Member | None:
        key = name.casefold()
        return next((m for m in self.members if m.name.casefold() == key), None)

    def partner_of(self, member: Member) -> Member | None:
        return next((m for m in self.members if m.session != member.session), None)

    @property
    def complete(self) -> bool:
        """Both people have joined."""
        return len(self.members) == 2

    @property
    def both_done(self) -> bool:
        return self.complete and all(m.finished for m in self.members)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int
    finished: bool


@dataclass(frozen=True)
class Answer:
    name: str
    role: str
    text: str  # as a person reads it, neutralised; "" when skipped or not reached
    value: Any
    skipped: bool


@dataclass(frozen=True)
class Item:
    """One question of the evaluation with both people's answers."""

    step: str
    key: str
    kind: str
    prompt: str
    answers: tuple[Answer, ...]
    flag: str = ""  # "" | "rating" | "yesno": why this is worth talking about
    gap: int = 0  # for ratings: how far apart


@dataclass
class Comparison:
    items: list[Item] = field(default_factory=list)

    @property
    def flagged(self) -> list[Item]:
        return [i for i in self.items if i.flag]


def compare_items(script_steps: list[Any], answers: list[tuple[Member, Stepper]]) -> Comparison:
    """Both people's answers per question, flagged where they differ enough to talk about.

    A rating pair is flagged when the two differ by RATING_GAP or more; a yes/no pair when
    one said yes and the other no. A skipped answer is never flagged.
    """
    out = Comparison()
    for step in script_steps:
        if step.kind not in ANSWERABLE or step.key == "role":
            continue  # the names already say who has which role
        row: list[Answer] = []
        for member, stepper in answers:
            # An answer the safety notice made private is the person's own unless kept.
            visits = [v for v in stepper.live_visits() if v.step == step.id and not v.private]
            row.append(_answer(member, stepper, step, visits))
        if all(not a.text and not a.skipped for a in row):
            continue  # a step neither reached (a branch both passed over)
        flag, gap = "", 0
        values = [a.value for a in row]
        if len(row) == 2 and not any(a.skipped for a in row):
            if step.kind == "scale" and all(isinstance(v, int) for v in values):
                gap = abs(values[0] - values[1])
                flag = "rating" if gap >= RATING_GAP else ""
            elif step.kind == "yesno" and all(isinstance(v, bool) for v in values):
                flag = "yesno" if values[0] != values[1] else ""
        out.items.append(Item(step.id, step.key, step.kind, step.prompt, tuple(row), flag, gap))
    return out


def _answer(member: Member, stepper: Stepper, step: Any, visits: list[Visit]) -> Answer:
    if not visits:
        return Answer(member.name, member.role, "", None, False)
    if all(v.skipped for v in visits):
        return Answer(member.name, member.role, "", None, True)
    shown = [neutralise(stepper.display(step, v)) for v in visits if not v.skipped]
    value = visits[-1].value if len(visits) == 1 else [v.value for v in visits]
    return Answer(member.name, member.role, "\n".join(shown), value, False)


@dataclass
class MemberDialogue(Dialogue):
    """One person's evaluation. What the pair already knows is answered for them: a
    choice step stored as `role` whose options include the person's role (the bundled
    evaluation asks it, because it also runs alone). Front ends need not know."""

    role: str = ""

    def current(self) -> Turn:
        return self.known(super().current())

    def _save(self, turn: Turn) -> Turn:
        return self.known(super()._save(turn))

    def known(self, turn: Turn) -> Turn:
        step = turn.step
        if (turn.kind == "choice" and step is not None and step.key == "role"
                and any(o.value == self.role for o in step.options)):
            return self._save(self.stepper.answer(self.role))
        return turn


class PairService:
    """Create, join, follow and finish pairs. One instance per process (or per screen)."""

    def __init__(self, store: Store, library: Library | None = None, *,
                 joint: Library | None = None, facts: FactsProvider | None = None,
                 clock: Callable[[], float] = time.time):
        self.store = store
        self.library = library or Library()
        self.joint_library = joint or joint_library()
        self.facts = facts
        self.clock = clock
        self._libraries: dict[str, Library] = {}

    # ------------------------------------------------------------ creating and joining

    def create(self, script_id: str = DEFAULT_SCRIPT, lang: str = "en", *, host: str,
               prompts: str | Path | None = None) -> Pair:
        """A new pair with a fresh join code; nobody has joined it yet."""
        library = self._library_for(str(prompts or ""))
        script = library.script(script_id, lang)  # a missing script fails before storing
        self.joint_library.script(JOINT_SCRIPT, lang)
        host = _clean_name(host)
        for _ in range(20):
            code = new_code()
            if not self.store.sessions_with_meta(MODE, pair=code):
                break
        else:  # pragma: no cover - 31**6 codes
            raise UserError("could not find a free join code", "try again",
                            key=NO_FREE_CODE)
        joint = self.joint_library.script(JOINT_SCRIPT, lang)
        self.store.create_session(
            JOINT_SCRIPT, lang, title=joint.title, mode=MODE,
            meta={"pair": code, "part": "joint", "script": script.id, "lang": lang,
                  "host": host, "prompts": str(Path(prompts).resolve()) if prompts else ""})
        return self.pair(code)

    def join(self, code: str, name: str, role: str | None = None) -> tuple[Pair, Member]:
        """Add a person to the pair, or find them again if they joined before (resume)."""
        pair = self.pair(code)
        name = _clean_name(name)
        known = pair.member(name)
        if known is not None:
            if role and role != known.role:
                raise UserError(f"{known.name} already joined pair {pair.code} as {known.role}",
                                f"leave out --role, or use --role {known.role}",
                                key=JOINED_AS,
                                params={"name": known.name, "code": pair.code,
                                        "role": known.role})
            return pair, known
        if pair.complete:
            names = " and ".join(f"{m.name} ({m.role})" for m in pair.members)
            raise UserError(f"pair {pair.code} already has {names}",
                            "join with one of these names to continue, or start a new pair",
                            key=FULL,
                            params={"code": pair.code,
                                    "names": " & ".join(m.name for m in pair.members)})
        taken = {m.role for m in pair.members}
        if role is None:
            role = next(r for r in ROLES if r not in taken)
        if role not in ROLES:
            raise UserError(f"unknown role '{role}'", "use --role mentor or --role mentee",
                            key=UNKNOWN_ROLE, params={"role": role})
        if role in taken:
            raise UserError(f"pair {pair.code} already has a {role}",
                            f"join as the {other_role(role)} (--role {other_role(role)})",
                            key=ROLE_TAKEN, params={"code": pair.code, "role": role})
        script = self._library_for(pair.prompts).script(pair.script, pair.lang)
        mine = self.store.create_session(
            pair.script, pair.lang, title=script.title, mode=MODE,
            meta={"pair": pair.code, "part": "member", "name": name, "role": role})
        # Two people joining at the same moment: whoever was stored first keeps the role
        # (and the place); the other's empty session is removed and they are told.
        rows = self.store.sessions_with_meta(MODE, pair=pair.code, part="member")
        ids = [s.id for s in rows]
        earlier = rows[: ids.index(mine)]
        if len(earlier) >= 2 or any(s.meta.get("role") == role for s in earlier):
            self.store.delete_session(mine)
            raise UserError(f"someone else joined pair {pair.code} as {role} just now",
                            "check the names and join again",
                            key=JOINED_JUST_NOW, params={"code": pair.code, "role": role})
        pair = self.pair(pair.code)
        member = pair.member(name)
        assert member is not None
        return pair, member

    def pair(self, code: str) -> Pair:
        code = normalise_code(code)
        rows = self.store.sessions_with_meta(MODE, pair=code) if code else []
        record = next((s for s in rows if s.meta.get("part") == "joint"), None)
        if record is None and not code:
            raise UserError("there is no pair with the code (empty)",
                            "check the code your partner's screen shows (and --data-dir)",
                            key=NO_CODE)
        if record is None:
            raise UserError(f"there is no pair with the code {code}",
                            "check the code your partner's screen shows (and --data-dir)",
                            key=NO_SUCH_CODE, params={"code": code})
        members = tuple(
            Member(s.meta.get("name", "?"), s.meta.get("role", "?"), s.id,
                   s.status == "finished")
            for s in rows if s.meta.get("part") == "member")
        m = record.meta
        return Pair(code, m.get("script", ""), m.get("lang", record.lang), record.id,
                    m.get("host", ""), m.get("prompts", ""), members[:2],
                    record.status == "finished")

    def pairs(self) -> list[Pair]:
        """Every pair in this data home, oldest first."""
        rows = self.store.sessions_with_meta(MODE, part="joint")
        return [self.pair(s.meta["pair"]) for s in rows if s.meta.get("pair")]

    # ------------------------------------------------------------ answering

    def script_library(self, pair: Pair) -> Library:
        return self._library_for(pair.prompts)

    def dialogue(self, pair: Pair, member: Member) -> MemberDialogue:
        """The member's own evaluation, ready to continue where it stopped."""
        d = MemberDialogue.resume(self.store, self.script_library(pair), member.session,
                                  facts=self.facts, clock=self.clock, owner=True)
        d.role = member.role
        return d

    def preanswer(self, dialogue: Dialogue, member: Member, turn: Turn) -> Turn:
        """Answer what the pair already knows (see MemberDialogue); returns the next turn."""
        if isinstance(dialogue, MemberDialogue):
            return dialogue.known(turn)
        return turn

    def progress(self, pair: Pair, member: Member) -> Progress:
        """How far a person is (answered of total): counts only, never content."""
        info = self.store.session(member.session)
        stepper = self._stepper(pair, info, owner=True)  # read to count, never shown
        turn = stepper.current()
        total = max(turn.expected, turn.answered)
        return Progress(turn.answered, total, stepper.finished)

    def refresh(self, pair: Pair) -> Pair:
        return self.pair(pair.code)

    # ------------------------------------------------------------ reveal and agree

    def compare(self, pair: Pair) -> Comparison:
        """Both people's answers side by side. Only once both have finished."""
        pair = self.refresh(pair)
        if not pair.both_done:
            raise UserError(f"pair {pair.code} is not finished by both yet",
                            "the answers are shown when both have finished",
                            key=NOT_FINISHED, params={"code": pair.code})
        script = self.script_library(pair).script(pair.script, pair.lang)
        steppers = [(m, self._stepper(pair, self.store.session(m.session)))
                    for m in self._ordered(pair)]
        return compare_items(list(script.steps), steppers)

    def joint(self, pair: Pair) -> Dialogue:
        """The joint step (agreed actions, next review), answered together."""
        return Dialogue.resume(self.store, self.joint_library, pair.record, facts=self.facts,
                               clock=self.clock)

    def context(self, pair: Pair) -> dict[str, Any]:
        """Everything the pair summary template may use."""
        pair = self.refresh(pair)
        comparison = self.compare(pair)
        joint = self.joint(pair)
        answers = joint.stepper.answers()
        actions = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
                   for line in str(answers.get("actions") or "").splitlines()]
        script = self.script_library(pair).script(pair.script, pair.lang)
        ats = [e.at for e in self.store.events(pair.record)]
        for m in pair.members:
            ats.extend(e.at for e in self.store.events(m.session)[-1:])
        when = _dt.datetime.fromtimestamp(max(ats)) if ats else _dt.datetime.now()

        # What the two people typed (names too) reaches the template as Markdown text,
        # so the partner's words show as typed, never as a link, an image or raw HTML.
        def item(i: Item) -> dict[str, Any]:
            return {"step": i.step, "key": i.key, "kind": i.kind, "prompt": i.prompt,
                    "flag": i.flag, "gap": i.gap,
                    "answers": [{"name": markdown_text(a.name), "role": a.role,
                                 "answer": markdown_text(a.text), "skipped": a.skipped}
                                for a in i.answers]}

        return {
            "pair": {"code": pair.code, "script": pair.script, "title": script.title,
                     "lang": pair.lang, "agreed": pair.agreed},
            "date": when.strftime("%Y-%m-%d"),
            "people": [{"name": markdown_text(m.name), "role": m.role}
                       for m in self._ordered(pair)],
            "items": [item(i) for i in comparison.items],
            "flagged": [item(i) for i in comparison.flagged],
            "actions": [markdown_text(a) for a in actions if a],
            "review_date": markdown_text(str(answers.get("review_date")
                                          or answers.get("review-date") or "")),
        }

    def summary(self, pair: Pair) -> str:
        """The pair summary (Markdown) in the pair's language."""
        from jinja2 import TemplateError

        from .templates import compile_template, translations

        pair = self.refresh(pair)
        lib = self.joint_library
        script = lib.script(JOINT_SCRIPT, pair.lang)
        text, name = lib.template(script, pair.lang)
        words = translations(lib.summary_texts(script, pair.lang))
        try:
            return compile_template(text).render({**self.context(pair), **words}).strip() + "\n"
        except TemplateError as exc:
            raise UserError(f"the summary template {name} failed: {exc}",
                            "run `reflect validate` on it and fix the line it names",
                            key=TEMPLATE_FAILED,
                            params={"name": name, "error": str(exc)}) from None

    # ------------------------------------------------------------ helpers

    def _ordered(self, pair: Pair) -> list[Member]:
        """Mentor first, then mentee: the same order on every screen and in the summary."""
        return sorted(pair.members, key=lambda m: ROLES.index(m.role) if m.role in ROLES else 2)

    def _stepper(self, pair: Pair, info: SessionInfo, *, owner: bool = False) -> Stepper:
        from ..core.stepper import Event

        script = self.script_library(pair).script(info.script, info.lang)
        events = [Event.from_payload(e.kind, e.payload, e.at)
                  for e in self.store.events(info.id, owner=owner)]
        return Stepper(script, lang=info.lang, events=events, words=translation(info.lang))

    def _library_for(self, prompts: str) -> Library:
        if not prompts:
            return self.library
        if prompts not in self._libraries:
            self._libraries[prompts] = Library(prompts=Path(prompts), rules=self.library.rules,
                                               under_rules=self.library.under_rules)
        return self._libraries[prompts]
