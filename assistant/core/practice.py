"""Active-listening practice: a scenario bank, a stepper over it, and the scorecard.

A mentor reads what a (scripted) mentee says and types a reply. The reply is coded by an
injected *coder* (in the app: `assistant.analysis.code_reply`; in tests: anything with the
same shape), so this module stays pure: no I/O, no nltk, no Textual, no SQLite. Hosts feed
replies and render what comes back:

    practice = Practice(bank.scenarios, coder, "en")
    turn = practice.current()            # the mentee's words to answer
    feedback = practice.reply("What ...?")  # the code, the mentee's answer, an example
    practice.retry()                     # take the last reply back and try again
    practice.next()                      # go on to the next scenario
    practice.scorecard()                 # counts and the three MITI-style measures

A scenario is a small conversation: the mentee's story in turns (4 or more), each turn
with its continuations. The reply's *move* (`move_of`: open, closed, reflection,
affirmation, advice, why, other), the scenario *topics* it picks up and whether it names a
feeling choose the continuation: a good reflection takes the mentee a turn deeper
(`next:`), advice or a why-question closes her down (she stays on the turn, guarded), a
closed question gets a short fact about what it asked. The first continuation that fits
wins, the turn's own before the scenario's `always:` list. The format is in
docs/practice.md.

Every reply also gets a `Tip`: what to try instead, built from the mentor's and the
mentee's words (a closed question opened on the same topic, a simple reflection deepened
with the turn's example, permission asked before this advice); the service words it.

A retried reply stays in the record (hosts store it) but is marked
superseded and left out of the scorecard: the scorecard counts the replies the mentor
chose to keep.

Scorecard thresholds, shown as practice targets and never as a certified score:

- reflection-to-question ratio: fair 1:1, good 2:1 (MITI 4.2.1);
- complex reflections among reflections: fair 40 %, good 50 % (MITI 4.2.1);
- open questions among questions: fair 50 %, good 70 %. MITI 4.2.1 no longer rates the
  share of open questions; these are the thresholds of its predecessor, MITI 3.1.1, kept
  because "ask open questions" is the first habit the seed articles name.

Scenario files (`prompts/practice/<lang>.yaml`, top-level key `scenarios:`) are checked by
`check_scenarios` with positioned diagnostics (`PS...` codes below), which `reflect
validate` reports like every other content error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from . import LANGS
from .diagnostics import WARNING, Diagnostic, LoadError, did_you_mean
from .facts import REPLY_CODES, WORD_RE
from .yamlsource import Source, parse

#: The codes a reply can get (the analysis's `REPLY_CODES`, declared in the core).
CODES: tuple[str, ...] = REPLY_CODES
MODIFIERS: tuple[str, ...] = ("why", "leading", "stacked", "judgement")

#: What a reply does in the conversation; scenario continuations are chosen by it.
MOVES: tuple[str, ...] = ("open", "closed", "reflection", "affirmation", "advice", "why",
                          "other")

_MOVE_OF_CODE: Mapping[str, str] = {
    "open_question": "open",
    "closed_question": "closed",
    "affirmation": "affirmation",
    "other": "other",
}

REFLECTIONS = ("simple_reflection", "complex_reflection")

#: `next: end` in a continuation: the mentee has said what was on her mind.
END = "end"

#: Replies that keep the mentee talking; the others get a stronger example offered first.
LISTENING: frozenset[str] = frozenset(
    {"open_question", "simple_reflection", "complex_reflection", "affirmation"}
)

#: After this many kept replies in one scenario, hosts suggest moving on (also when the
#: conversation has ended).
SUGGEST_NEXT_AFTER = 8

MIN_SCENARIOS = 8
MIN_TURNS = 4

# (fair, good) per measure; see the module docstring for the sources.
THRESHOLDS: Mapping[str, tuple[float, float]] = {
    "rq_ratio": (1.0, 2.0),
    "open_share": (0.5, 0.7),
    "complex_share": (0.4, 0.5),
}


# --------------------------------------------------------------------------- coding


class CodedReply(Protocol):
    """What a coder returns (`assistant.analysis.ReplyCode` fits)."""

    code: str
    why: bool
    leading: bool
    stacked: bool
    judgement: bool
    # optional: `feelings` (the feeling words the reply names)


#: (reply, what the mentee said just before, language) -> a coded reply.
Coder = Callable[[str, str | None, str], CodedReply]


@dataclass(frozen=True)
class Code:
    """The engine's copy of a coded reply: plain values, safe to store as JSON."""

    code: str
    why: bool = False
    leading: bool = False
    stacked: bool = False
    judgement: bool = False
    reason_id: str = ""
    reason: str = ""
    feelings: tuple[str, ...] = ()  # feeling words the reply names
    questions: int = 0  # questions the reply asks (a reflection can end with "?")

    @classmethod
    def of(cls, coded: CodedReply) -> Code:
        code = coded.code if coded.code in CODES else "other"
        return cls(
            code=code,
            why=bool(getattr(coded, "why", False)),
            leading=bool(getattr(coded, "leading", False)),
            stacked=bool(getattr(coded, "stacked", False)),
            judgement=bool(getattr(coded, "judgement", False)),
            reason_id=str(getattr(coded, "reason_id", "") or ""),
            reason=str(getattr(coded, "reason", "") or ""),
            feelings=tuple(str(f) for f in (getattr(coded, "feelings", ()) or ())),
            questions=int(getattr(coded, "questions", 0) or 0),
        )

    @property
    def modifiers(self) -> tuple[str, ...]:
        return tuple(m for m in MODIFIERS if getattr(self, m))

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "why": self.why,
            "leading": self.leading,
            "stacked": self.stacked,
            "judgement": self.judgement,
            "reason_id": self.reason_id,
            "reason": self.reason,
            "feelings": list(self.feelings),
            "questions": self.questions,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Code:
        return cls(
            code=str(data.get("code", "other")) if data.get("code") in CODES else "other",
            why=bool(data.get("why")),
            leading=bool(data.get("leading")),
            stacked=bool(data.get("stacked")),
            judgement=bool(data.get("judgement")),
            reason_id=str(data.get("reason_id") or ""),
            reason=str(data.get("reason") or ""),
            feelings=tuple(str(f) for f in (data.get("feelings") or ())),
            questions=int(data.get("questions") or 0),
        )


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Topic:
    """Something the mentee talks about, and the words that show a reply picked it up."""

    id: str
    phrase: str  # how feedback names it, in the mentee's words ("the design course")
    words: tuple[str, ...]  # lowercase; a word matches when it starts with one of them


@dataclass(frozen=True)
class Continuation:
    """One way the mentee can go on: for which moves, about what, what she says, where to."""

    moves: tuple[str, ...]
    say: tuple[str, ...]  # said in turn when the same continuation is reached again
    about: tuple[str, ...] = ()  # topic ids; empty: whatever the reply is about
    feeling: bool | None = None  # True: only if the reply names a feeling; None: either way
    next: str | None = None  # a turn id, END, or None: the mentee stays on this turn

    def fits(self, move: str, about: Sequence[str], feeling: bool) -> bool:
        if move not in self.moves:
            return False
        if self.about and not set(self.about) & set(about):
            return False
        return self.feeling is None or self.feeling == feeling


@dataclass(frozen=True)
class ScenarioTurn:
    """One step deeper into the mentee's story: what she says on reaching it, and how on."""

    id: str
    mentee: str
    deeper: str  # an example complex reflection of `mentee`, offered by the feedback
    replies: tuple[Continuation, ...]
    closed: str = ""  # for drills: a closed question a hurried mentor might ask here
    advice: str = ""  # for drills: advice a hurried mentor might give here


@dataclass(frozen=True)
class Scenario:
    """One mentee, one situation, told as a small conversation of turns."""

    id: str
    topic: str
    persona: str
    context: str
    topics: tuple[Topic, ...]
    turns: tuple[ScenarioTurn, ...]
    always: tuple[Continuation, ...]  # tried after a turn's own replies, on every turn

    @property
    def opening(self) -> str:
        return self.turns[0].mentee

    def turn(self, turn_id: str) -> ScenarioTurn:
        return next((t for t in self.turns if t.id == turn_id), self.turns[0])

    def topic_of(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def continuation(self, turn_id: str, move: str, about: Sequence[str], feeling: bool
                     ) -> tuple[int, Continuation]:
        """The continuation for a reply; its index counts the turn's replies, then `always`.

        `about` lists the topics the reply mentions, the first-mentioned first. The turn's
        own continuations come before `always`; within each, one about a topic the reply
        mentions comes before one about anything, the topic mentioned first winning ("Have
        you told your manager about the course?" is about the manager); otherwise the
        order of the file decides.
        """
        own = self.turn(turn_id).replies
        best: tuple[tuple[int, int, int], int, Continuation] | None = None
        for i, c in enumerate((*own, *self.always)):
            if not c.fits(move, about, feeling):
                continue
            level = 0 if i < len(own) else 1
            place = min((about.index(a) for a in c.about if a in about), default=len(about))
            key = (level, 0 if c.about else 1, place if c.about else i)
            if best is None or key < best[0]:
                best = (key, i, c)
        if best is not None:
            return best[1], best[2]
        # The loader refuses a scenario where some move finds nothing; a hand-built one
        # still gets an answer.
        return -1, Continuation(moves=(move,), say=("…",))


@dataclass(frozen=True)
class ScenarioBank:
    lang: str
    scenarios: tuple[Scenario, ...]

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def ids(self) -> list[str]:
        return [s.id for s in self.scenarios]


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def _matches(word: str, term: str) -> bool:
    # Five letters or more also match inside a word, for compounds ("Designkurs",
    # "lederstillingen").
    return word.startswith(term) or (len(term) >= 5 and term in word)


def topics_in(text: str, topics: Iterable[Topic]) -> tuple[str, ...]:
    """The ids of the topics `text` mentions, the first-mentioned first."""
    words = words_of(text)
    found: list[tuple[int, str]] = []
    for t in topics:
        at = next((i for i, w in enumerate(words) if any(_matches(w, term) for term in t.words)),
                  None)
        if at is not None:
            found.append((at, t.id))
    return tuple(tid for _, tid in sorted(found, key=lambda x: x[0]))


#: Diagnostic codes of scenario files. Stable: tests pin them; never renumber.
PS_CODES: Mapping[str, str] = {
    "PS001": "'scenarios' must be a list of scenarios",
    "PS002": "a scenario or turn is missing a required key",
    "PS003": "a value must be non-empty text",
    "PS004": "unknown key",
    "PS005": "duplicate scenario id",
    "PS006": "a turn has no continuation for a move",
    "PS007": "unknown move",
    "PS008": "an id has characters it may not have",
    "PS009": "fewer scenarios than a practice bank should have",
    "PS010": "unknown or missing language",
    "PS011": "unknown topic",
    "PS012": "'next' names no turn",
    "PS013": "fewer turns than a conversation should have",
    "PS014": "duplicate turn or topic id",
    "PS015": "a turn no continuation leads to",
    "PS016": "'feeling' must be true or false",
    "PS017": "a conversation that cannot end",
}

_TOP_KEYS = ("lang", "scenarios", "description")
_SCENARIO_KEYS = ("id", "topic", "persona", "context", "topics", "turns", "always")
_TEXT_KEYS = ("id", "topic", "persona", "context")
_TOPIC_KEYS = ("phrase", "words")
_TURN_KEYS = ("id", "mentee", "deeper", "replies", "closed", "advice")
_REPLY_KEYS = ("to", "about", "feeling", "say", "next")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _texts(value: Any) -> tuple[str, ...] | None:
    """A string or a list of strings, each non-empty; None when that is not what it is."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        return None
    out = [_text(x) for x in items]
    if any(x is None for x in out):
        return None
    return tuple(x for x in out if x)


class _Checker:
    """The checks of one scenario file, collecting diagnostics as it builds the model."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.diags: list[Diagnostic] = []

    def err(self, path: Sequence[Any], code: str, message: str, hint: str = "", *,
            key: bool = False, severity: str = "error") -> None:
        self.diags.append(self.src.diag(tuple(path), code, message, hint, key=key,
                                        severity=severity))

    def unknown_keys(self, item: Mapping[str, Any], base: tuple[Any, ...],
                     known: Sequence[str]) -> None:
        for key in item:
            if key not in known:
                self.err(base + (key,), "PS004", f"unknown key '{key}'",
                         did_you_mean(str(key), known), key=True)

    def ident(self, value: Any, path: tuple[Any, ...], what: str) -> str | None:
        text = _text(value)
        if text is None:
            self.err(path, "PS003", f"the {what} id must be non-empty text",
                     "use lowercase words joined by '-'")
            return None
        if not _ID_RE.match(text):
            self.err(path, "PS008", f"the id '{text}' may only have a-z, 0-9 and '-'",
                     "use lowercase words joined by '-'")
            return None
        return text

    # -- topics

    def topics(self, raw: Any, base: tuple[Any, ...]) -> tuple[Topic, ...] | None:
        path = base + ("topics",)
        if not isinstance(raw, dict) or not raw:
            self.err(path if raw is not None else base, "PS002",
                     "the scenario needs 'topics:', what the mentee talks about",
                     "add e.g. 'topics: {course: {phrase: \"the course\", words: [course]}}'")
            return None
        out: list[Topic] = []
        ok = True
        for tid, spec in raw.items():
            where = path + (tid,)
            good_id = self.ident(tid, where, "topic")
            if not isinstance(spec, dict):
                self.err(where, "PS002", f"the topic '{tid}' needs 'phrase' and 'words'",
                         "write '{phrase: \"...\", words: [...]}'")
                ok = False
                continue
            self.unknown_keys(spec, where, _TOPIC_KEYS)
            phrase = _text(spec.get("phrase"))
            if phrase is None:
                self.err(where + ("phrase",) if "phrase" in spec else where, "PS003",
                         f"the topic '{tid}' needs a 'phrase', how feedback names it",
                         "write it as the mentee would, e.g. \"the design course\"")
                ok = False
            words = _texts(spec.get("words"))
            if words is None:
                self.err(where + ("words",) if "words" in spec else where, "PS003",
                         f"the topic '{tid}' needs 'words' that show a reply is about it",
                         "give a list of word beginnings, e.g. [course, design] (quote yes, "
                         "no, on and off: YAML reads them as true or false)")
                ok = False
            if good_id and phrase and words:
                out.append(Topic(good_id, phrase, tuple(w.lower() for w in words)))
        return tuple(out) if ok else None

    # -- continuations

    def continuation(self, raw: Any, path: tuple[Any, ...], topics: Sequence[str]
                     ) -> Continuation | None:
        if not isinstance(raw, dict):
            self.err(path, "PS002", "a continuation must be a mapping",
                     "write '- to: reflection' with 'say:' under it")
            return None
        self.unknown_keys(raw, path, _REPLY_KEYS)
        ok = True
        to = raw.get("to")
        moves = [to] if isinstance(to, str) else to
        if not isinstance(moves, list) or not moves:
            self.err(path, "PS002", "the continuation has no 'to:', the moves it answers",
                     "add e.g. 'to: reflection' or 'to: [open, reflection]'")
            ok = False
            moves = []
        for i, move in enumerate(moves):
            if move not in MOVES:
                where = path + ("to",) if isinstance(to, str) else path + ("to", i)
                self.err(where, "PS007", f"unknown move '{move}'",
                         did_you_mean(str(move), MOVES))
                ok = False
        about = raw.get("about", [])
        about_list = [about] if isinstance(about, str) else about
        if not isinstance(about_list, list):
            self.err(path + ("about",), "PS011", "'about' must name topics",
                     "known: " + ", ".join(topics))
            ok = False
            about_list = []
        for i, topic in enumerate(about_list):
            if topic not in topics:
                where = path + ("about",) if isinstance(about, str) else path + ("about", i)
                self.err(where, "PS011", f"unknown topic '{topic}'",
                         did_you_mean(str(topic), topics))
                ok = False
        feeling = raw.get("feeling")
        if feeling is not None and not isinstance(feeling, bool):
            self.err(path + ("feeling",), "PS016", "'feeling' must be true or false",
                     "write 'feeling: true' (only when the reply names a feeling)")
            ok = False
        say = _texts(raw.get("say"))
        if say is None:
            self.err(path + ("say",) if "say" in raw else path, "PS003",
                     "the continuation needs 'say:', what the mentee answers",
                     "give one line, or a list of lines said in turn")
            ok = False
        nxt = raw.get("next")
        if nxt is not None and _text(nxt) is None:
            self.err(path + ("next",), "PS012", "'next' must name a turn or 'end'",
                     "leave it out to stay on this turn")
            ok = False
        if not ok:
            return None
        return Continuation(moves=tuple(moves), say=say or (), about=tuple(about_list),
                            feeling=feeling, next=_text(nxt) if nxt is not None else None)

    def continuations(self, raw: Any, path: tuple[Any, ...], topics: Sequence[str],
                      required: bool) -> tuple[Continuation, ...] | None:
        if raw is None and not required:
            return ()
        if not isinstance(raw, list) or (required and not raw):
            self.err(path, "PS002", "continuations must be a list",
                     "start each with '- to: <move>'")
            return None
        out = [self.continuation(item, path + (i,), topics) for i, item in enumerate(raw)]
        if any(c is None for c in out):
            return None
        return tuple(c for c in out if c)

    # -- a scenario

    def scenario(self, item: Any, base: tuple[Any, ...]) -> Scenario | None:
        if not isinstance(item, dict):
            self.err(base, "PS001", "a scenario must be a mapping",
                     "give it id, topic, persona, context, topics, turns (and always)")
            return None
        self.unknown_keys(item, base, _SCENARIO_KEYS)
        ok = True
        values: dict[str, str] = {}
        for key in _TEXT_KEYS:
            if key not in item:
                self.err(base, "PS002", f"the scenario has no '{key}'", f"add '{key}:' to it")
                ok = False
                continue
            text = _text(item[key])
            if text is None:
                self.err(base + (key,), "PS003", f"'{key}' must be non-empty text",
                         "write it as a quoted string")
                ok = False
                continue
            values[key] = text
        if "id" in values and not _ID_RE.match(values["id"]):
            self.err(base + ("id",), "PS008",
                     f"the id '{values['id']}' may only have a-z, 0-9 and '-'",
                     "use lowercase words joined by '-'")
            ok = False
        topics = self.topics(item.get("topics"), base)
        raw_topics = item.get("topics")
        topic_ids = [str(k) for k in raw_topics] if isinstance(raw_topics, dict) else []
        raw_turns = item.get("turns")
        turns: list[ScenarioTurn] = []
        turn_paths: dict[str, tuple[Any, ...]] = {}
        if not isinstance(raw_turns, list) or not raw_turns:
            self.err(base + ("turns",) if "turns" in item else base, "PS002",
                     "the scenario needs 'turns:', a list of what the mentee says",
                     "start each turn with '- id: ...' and 'mentee: ...'")
            return None
        for i, raw in enumerate(raw_turns):
            path = base + ("turns", i)
            if not isinstance(raw, dict):
                self.err(path, "PS002", "a turn must be a mapping",
                         "give it id, mentee, deeper and replies")
                ok = False
                continue
            self.unknown_keys(raw, path, _TURN_KEYS)
            tid = self.ident(raw.get("id"), path + ("id",) if "id" in raw else path, "turn")
            if tid and tid in turn_paths:
                self.err(path + ("id",), "PS014", f"the turn id '{tid}' is used twice",
                         "give every turn of a scenario its own id")
                tid = None
            texts = {}
            for key in ("mentee", "deeper"):
                text = _text(raw.get(key))
                if text is None:
                    self.err(path + (key,) if key in raw else path, "PS003",
                             f"the turn needs '{key}:' as non-empty text",
                             "what the mentee says on this turn" if key == "mentee" else
                             "an example complex reflection of what the mentee says")
                texts[key] = text
            for key in ("closed", "advice"):
                if key in raw and _text(raw[key]) is None:
                    self.err(path + (key,), "PS003", f"'{key}' must be non-empty text",
                             "a line a hurried mentor might say here, for drills")
                    ok = False
            replies = self.continuations(raw.get("replies"), path + ("replies",), topic_ids,
                                         required=True)
            if tid is None or replies is None or None in texts.values():
                ok = False
                continue
            turn_paths[tid] = path
            turns.append(ScenarioTurn(tid, texts["mentee"] or "", texts["deeper"] or "",
                                      replies, closed=_text(raw.get("closed")) or "",
                                      advice=_text(raw.get("advice")) or ""))
        always = self.continuations(item.get("always"), base + ("always",), topic_ids,
                                    required=False)
        if not ok or topics is None or always is None:
            return None
        scenario = Scenario(id=values["id"], topic=values["topic"], persona=values["persona"],
                            context=values["context"], topics=topics, turns=tuple(turns),
                            always=always)
        return scenario if self.graph(scenario, base, turn_paths) else None

    def graph(self, s: Scenario, base: tuple[Any, ...],
              paths: Mapping[str, tuple[Any, ...]]) -> bool:
        """Every `next` names a turn, every move is answered, every turn is reached."""
        ok = True
        ids = [t.id for t in s.turns]
        if len(s.turns) < MIN_TURNS:
            self.err(base + ("turns",), "PS013",
                     f"only {len(s.turns)} turns; a practice conversation needs at least "
                     f"{MIN_TURNS}", "add turns the mentee reaches by opening up")
            ok = False
        reached = {ids[0]}
        ends = False
        for turn in s.turns:
            for i, c in enumerate(turn.replies):
                if c.next is None:
                    continue
                if c.next == END:
                    ends = True
                elif c.next not in ids:
                    self.err(paths[turn.id] + ("replies", i, "next"), "PS012",
                             f"there is no turn '{c.next}'",
                             did_you_mean(c.next, [*ids, END]))
                    ok = False
                else:
                    reached.add(c.next)
            for move in MOVES:
                if not any(c.fits(move, (), False) for c in (*turn.replies, *s.always)):
                    self.err(paths[turn.id], "PS006",
                             f"the turn '{turn.id}' has no continuation for a reply of the "
                             f"move '{move}' about anything",
                             f"add '- to: {move}' without 'about' to its replies or to "
                             "'always'")
                    ok = False
        for i, c in enumerate(s.always):
            if c.next is not None:
                if c.next == END:
                    ends = True
                elif c.next not in ids:
                    self.err(base + ("always", i, "next"), "PS012",
                             f"there is no turn '{c.next}'", did_you_mean(c.next, [*ids, END]))
                    ok = False
                else:
                    reached.add(c.next)
        for turn in s.turns:
            if turn.id not in reached:
                self.err(paths[turn.id], "PS015",
                         f"no continuation leads to the turn '{turn.id}'",
                         "give an earlier turn a continuation with 'next: " + turn.id + "'")
                ok = False
        if not ends:
            self.err(base + ("turns",), "PS017", "no continuation ends the conversation",
                     "give the last turn a continuation with 'next: end'")
            ok = False
        return ok


def _check(src: Source, lang_hint: str | None) -> tuple[str, list[Scenario], list[Diagnostic]]:
    check = _Checker(src)
    data = src.data
    if not isinstance(data, dict):
        return "en", [], [src.diag((), "PS001", "the file must be a mapping with 'scenarios:'")]
    for path, _ in src.duplicates:
        check.err(path, "PS004", f"the key '{path[-1]}' appears twice", "keep one of them",
                  key=True)
    check.unknown_keys(data, (), _TOP_KEYS)
    stem = src.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    lang = data.get("lang") or (stem if stem in LANGS else lang_hint)
    if lang not in LANGS:
        check.err(("lang",), "PS010",
                  f"the language must be one of {', '.join(LANGS)}, not {lang!r}",
                  "add 'lang: en' (or de, da) at the top of the file")
        lang = "en"
    items = data.get("scenarios")
    if not isinstance(items, list):
        check.err(("scenarios",), "PS001", "'scenarios' must be a list",
                  "start each scenario with '- id: ...'")
        return lang, [], check.diags
    seen: dict[str, int] = {}
    out: list[Scenario] = []
    for i, item in enumerate(items):
        sid = _text(item.get("id")) if isinstance(item, dict) else None
        if sid is not None and sid in seen:
            check.err(("scenarios", i, "id"), "PS005",
                      f"the id '{sid}' is already used by scenario {seen[sid] + 1}",
                      "give every scenario its own id")
            continue
        if sid is not None:
            seen[sid] = i
        scenario = check.scenario(item, ("scenarios", i))
        if scenario is not None:
            out.append(scenario)
    if len(items) < MIN_SCENARIOS:
        check.err(("scenarios",), "PS009",
                  f"only {len(items)} scenarios; a practice bank should have at least "
                  f"{MIN_SCENARIOS}", "add more scenarios", severity=WARNING)
    return lang, out, check.diags


def check_scenarios(text: str, file: str, lang: str | None = None) -> list[Diagnostic]:
    """Every problem in a scenario file (for `reflect validate`)."""
    try:
        src = parse(text, file)
    except LoadError as exc:
        return list(exc.diagnostics)
    return _check(src, lang)[2]


def load_scenarios(text: str, file: str, lang: str | None = None) -> ScenarioBank:
    """A scenario bank from YAML text; raises `LoadError` if it has any error."""
    src = parse(text, file)
    found, scenarios, diags = _check(src, lang)
    errors = [d for d in diags if d.severity != WARNING]
    if errors:
        raise LoadError(errors)
    return ScenarioBank(lang=found, scenarios=tuple(scenarios))


# --------------------------------------------------------------------------- feedback


#: What feedback suggests, by the move and code of the reply (see `tip_for`).
TIP_KINDS: tuple[str, ...] = (
    "why_to_what",  # a why-question: ask the same with what or how
    "permission",  # advice or information: ask permission first, or reflect first
    "unlead",  # a leading question or a judgement: drop the hint, ask it open
    "open_up",  # a closed question: the same topic as an open question
    "one_question",  # stacked questions: keep one
    "reflect_next",  # an open question: reflect what comes back before asking again
    "deepen",  # a simple reflection: name the meaning or the other side
    "let_it_land",  # a complex reflection: pause and follow
    "specific",  # an affirmation: name what the mentee did
    "reflect_back",  # anything else: reflect the mentee's words
)

_REPLY_WORDS = 14  # a longer reply is quoted by its beginning


@dataclass(frozen=True)
class Tip:
    """What to suggest about one reply, from the mentor's and the mentee's own words.

    Hosts word it (`assistant.services.practice.suggestion`): the core decides *what*,
    the service says it in the run's language and never twice the same in a session.
    """

    kind: str
    reply: str  # the mentor's words, shortened
    topic: str  # the phrase of the topic the reply was about (else the mentee's)
    example: str  # the turn's example complex reflection
    first: str  # the first question of stacked questions, else ""


def _shorten(text: str) -> str:
    words = text.split()
    return text if len(words) <= _REPLY_WORDS else " ".join(words[:_REPLY_WORDS]) + " …"


def tip_for(code: Code, move: str, text: str, about: Sequence[str], mentee: str,
            scenario: Scenario, turn: ScenarioTurn) -> Tip:
    if move == "why":
        kind = "why_to_what"
    elif move == "advice":
        kind = "permission" if code.code in ("advice", "information") else "unlead"
    elif move == "closed":
        kind = "open_up"
    elif move == "open":
        kind = "one_question" if code.stacked else "reflect_next"
    elif code.code == "simple_reflection":
        kind = "deepen"
    elif code.code == "complex_reflection":
        kind = "let_it_land"
    elif move == "affirmation":
        kind = "specific"
    else:
        kind = "reflect_back"
    ids = list(about) or list(topics_in(mentee, scenario.topics))
    found = scenario.topic_of(ids[0]) if ids else None
    topic = found.phrase if found else scenario.topic
    first = ""
    if code.stacked:
        m = re.match(r"[^?]*\?", text)
        first = m.group(0).strip() if m else ""
    return Tip(kind=kind, reply=_shorten(" ".join(text.split())), topic=topic,
               example=turn.deeper, first=first)


# --------------------------------------------------------------------------- the stepper


def move_of(code: Code) -> str:
    """The move a coded reply makes in the conversation (`MOVES`).

    A why-question asks the mentee to defend herself; a leading question or a judgement
    lands like advice, and so does unasked information: each tells her how things are
    instead of listening. A "reflection" that asks a leading question ("Why don't you
    just say no?") is a suggestion asked as a question.
    """
    if code.why:
        return "why"
    if code.code in ("advice", "information"):
        return "advice"
    if code.code in REFLECTIONS:
        return "advice" if code.leading and code.questions else "reflection"
    if (code.leading or code.judgement) and code.code != "affirmation":
        return "advice"
    return _MOVE_OF_CODE.get(code.code, "other")


@dataclass(frozen=True)
class Turn:
    """What to show: the mentee's latest words in the current scenario."""

    scenario: Scenario | None  # None when every scenario has been practised
    index: int  # position of the scenario in the run, 0-based
    total: int
    mentee: str
    step: int  # 0 for the opening statement, then one more per kept reply
    kept: int  # replies kept in this scenario so far
    can_retry: bool
    turn_id: str = ""  # the scenario turn the mentee is on
    depth: int = 0  # its position among the scenario's turns, 0-based
    ended: bool = False  # the mentee has said what was on her mind

    @property
    def done(self) -> bool:
        return self.scenario is None

    @property
    def suggest_next(self) -> bool:
        """Once, after many replies in one scenario (an ended one says so itself)."""
        return not self.ended and self.kept == SUGGEST_NEXT_AFTER


@dataclass(frozen=True)
class Reply:
    """One reply the mentor typed, as it is recorded."""

    scenario: str
    step: int
    mentee: str  # what the reply answered
    text: str
    code: Code
    followup_kind: str  # the move (`MOVES`) the mentee answered
    followup: str
    turn: str = ""  # the turn the mentee was on
    turn_after: str = ""  # the turn she is on after answering
    about: tuple[str, ...] = ()  # the topics the reply picked up
    ended: bool = False
    continuation: int = -1  # which continuation answered (for repeats)
    superseded: bool = False

    @property
    def move(self) -> str:
        return self.followup_kind

    def as_payload(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "step": self.step,
            "mentee": self.mentee,
            "text": self.text,
            **self.code.as_dict(),
            "followup_kind": self.followup_kind,
            "followup": self.followup,
            "turn": self.turn,
            "turn_after": self.turn_after,
            "about": list(self.about),
            "ended": self.ended,
            "continuation": self.continuation,
        }


@dataclass(frozen=True)
class Feedback:
    """What a host shows after a reply."""

    reply: Reply
    tip: Tip  # what to suggest, from the words of this reply
    listening: bool  # the reply kept the mentee talking (open question, reflection, affirmation)
    turn: Turn  # what comes next: the mentee's follow-up
    suggestion: str = ""  # the tip in words (filled by the service)
    notes: tuple[str, ...] = ()  # what the code means, the first time it comes up (service)
    ended_now: bool = False  # this reply brought the conversation to its end

    @property
    def code(self) -> Code:
        return self.reply.code

    @property
    def stronger(self) -> str:
        """The turn's example complex reflection."""
        return self.tip.example


@dataclass
class _Undo:
    mentee: str
    step: int
    turn: str
    ended: bool
    used: dict[tuple[str, int], int]


@dataclass
class Practice:
    """A practice run over `scenarios`, coded by `coder`. Never asks; only answers."""

    scenarios: Sequence[Scenario]
    coder: Coder
    lang: str = "en"
    _index: int = 0
    _step: int = 0
    _mentee: str = ""
    _turn: str = ""
    _ended: bool = False
    _used: dict[tuple[str, int], int] = field(default_factory=dict)
    _undo: _Undo | None = None
    replies: list[Reply] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.scenarios:
            raise ValueError("a practice run needs at least one scenario")
        self.scenarios = tuple(self.scenarios)
        self._start(0)

    def _start(self, index: int) -> None:
        self._index = index
        self._step = 0
        self._used = {}
        self._undo = None
        self._ended = False
        scenario = self.scenario
        self._turn = scenario.turns[0].id if scenario else ""
        self._mentee = scenario.opening if scenario else ""

    @property
    def scenario(self) -> Scenario | None:
        if self._index < len(self.scenarios):
            return self.scenarios[self._index]
        return None

    def current(self) -> Turn:
        scenario = self.scenario
        kept = sum(1 for r in self.replies
                   if scenario and r.scenario == scenario.id and not r.superseded)
        depth = ([t.id for t in scenario.turns].index(self._turn)
                 if scenario and self._turn in [t.id for t in scenario.turns] else 0)
        return Turn(scenario=scenario, index=self._index, total=len(self.scenarios),
                    mentee=self._mentee, step=self._step, kept=kept,
                    can_retry=self._undo is not None, turn_id=self._turn, depth=depth,
                    ended=self._ended)

    def reply(self, text: str) -> Feedback:
        """Code the mentor's reply, let the mentee answer it, and say how it worked."""
        scenario = self.scenario
        if scenario is None:
            raise RuntimeError("every scenario has been practised; there is nothing to answer")
        code = Code.of(self.coder(text, self._mentee, self.lang))
        move = move_of(code)
        about = topics_in(text, scenario.topics)
        index, cont = scenario.continuation(self._turn, move, about, bool(code.feelings))
        n = self._used.get((self._turn, index), 0)
        followup = cont.say[n % len(cont.say)]
        after, ended = self._turn, self._ended
        if cont.next == END:
            ended = True
        elif cont.next is not None:
            after = cont.next
        record = Reply(scenario=scenario.id, step=self._step, mentee=self._mentee, text=text,
                       code=code, followup_kind=move, followup=followup, turn=self._turn,
                       turn_after=after, about=about, ended=ended, continuation=index)
        tip = tip_for(code, move, text, about, self._mentee, scenario,
                      scenario.turn(self._turn))
        was_ended = self._ended
        self._apply(record)
        return Feedback(reply=record, tip=tip, listening=code.code in LISTENING,
                        turn=self.current(), ended_now=ended and not was_ended)

    def _apply(self, record: Reply) -> None:
        self._undo = _Undo(self._mentee, self._step, self._turn, self._ended, dict(self._used))
        self.replies.append(record)
        key = (record.turn or self._turn, record.continuation)
        self._used[key] = self._used.get(key, 0) + 1
        self._mentee = record.followup
        self._turn = record.turn_after or self._turn
        self._ended = record.ended
        self._step += 1

    def retry(self) -> Turn:
        """Take the last reply back: it stays on record as superseded; answer again."""
        if self._undo is None:
            return self.current()
        undo, self._undo = self._undo, None
        last = len(self.replies) - 1
        self.replies[last] = replace(self.replies[last], superseded=True)
        self._mentee, self._step, self._used = undo.mentee, undo.step, undo.used
        self._turn, self._ended = undo.turn, undo.ended
        return self.current()

    def next(self) -> Turn:
        """Go on to the next scenario (a done turn after the last one)."""
        self._start(min(self._index + 1, len(self.scenarios)))
        return self.current()

    def kept(self) -> list[Reply]:
        return [r for r in self.replies if not r.superseded]

    def scorecard(self) -> Scorecard:
        return scorecard([r.code for r in self.kept()])

    # -- replay: the state is a fold over what the host stored

    def replay(self, kind: str, payload: Mapping[str, Any]) -> None:
        """Apply a stored event (`reply`, `retry`, `next`) without calling the coder."""
        if kind == "reply":
            about = payload.get("about") or ()
            self._apply(Reply(scenario=str(payload.get("scenario", "")),
                              step=int(payload.get("step", self._step)),
                              mentee=str(payload.get("mentee", self._mentee)),
                              text=str(payload.get("text", "")), code=Code.from_dict(payload),
                              followup_kind=str(payload.get("followup_kind", "other")),
                              followup=str(payload.get("followup", "")),
                              turn=str(payload.get("turn") or self._turn),
                              turn_after=str(payload.get("turn_after") or self._turn),
                              about=tuple(str(a) for a in about),
                              ended=bool(payload.get("ended")),
                              continuation=int(payload.get("continuation", -1))))
        elif kind == "retry":
            self.retry()
        elif kind == "next":
            self.next()


def kept_codes(events: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Code]:
    """The codes of the replies a stored run kept: each `retry` takes the last reply back."""
    codes: list[Code] = []
    can_undo = False
    for kind, payload in events:
        if kind == "reply":
            codes.append(Code.from_dict(payload))
            can_undo = True
        elif kind == "retry" and can_undo and codes:
            codes.pop()
            can_undo = False
        elif kind == "next":
            can_undo = False
    return codes


# --------------------------------------------------------------------------- scorecard


@dataclass(frozen=True)
class Measure:
    """One practice target: a value, its fair and good thresholds, and where it lands."""

    key: str  # rq_ratio | open_share | complex_share (| advice_share, for drills)
    value: float | None  # None when there is nothing to divide by
    fair: float
    good: float
    numerator: int
    denominator: int
    lower_is_better: bool = False  # advice_share: the less unasked advice, the better

    @property
    def level(self) -> str:
        """'good', 'fair', 'below', or 'none' when there is nothing to measure yet."""
        if self.value is None:
            # Reflections without a single question: as good as a ratio gets.
            if self.key == "rq_ratio" and self.numerator > 0:
                return "good"
            return "none"
        if self.lower_is_better:
            if self.value <= self.good + 1e-9:
                return "good"
            return "fair" if self.value <= self.fair + 1e-9 else "below"
        if self.value >= self.good - 1e-9:
            return "good"
        if self.value >= self.fair - 1e-9:
            return "fair"
        return "below"

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "fair": self.fair, "good": self.good,
                "numerator": self.numerator, "denominator": self.denominator,
                "level": self.level}


@dataclass(frozen=True)
class Scorecard:
    counts: Mapping[str, int]  # every code in CODES, zero included
    modifiers: Mapping[str, int]  # every modifier in MODIFIERS
    measures: tuple[Measure, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def questions(self) -> int:
        return self.counts["open_question"] + self.counts["closed_question"]

    @property
    def reflections(self) -> int:
        return self.counts["simple_reflection"] + self.counts["complex_reflection"]

    def measure(self, key: str) -> Measure:
        return next(m for m in self.measures if m.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {"counts": dict(self.counts), "modifiers": dict(self.modifiers),
                "total": self.total, "questions": self.questions,
                "reflections": self.reflections,
                "measures": [m.as_dict() for m in self.measures]}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def scorecard(codes: Iterable[Code]) -> Scorecard:
    """Counts per code and modifier, and the three measures against their thresholds."""
    counts = dict.fromkeys(CODES, 0)
    modifiers = dict.fromkeys(MODIFIERS, 0)
    for c in codes:
        counts[c.code if c.code in counts else "other"] += 1
        for m in c.modifiers:
            modifiers[m] += 1
    questions = counts["open_question"] + counts["closed_question"]
    reflections = counts["simple_reflection"] + counts["complex_reflection"]
    pairs = {
        "rq_ratio": (reflections, questions),
        "open_share": (counts["open_question"], questions),
        "complex_share": (counts["complex_reflection"], reflections),
    }
    measures = tuple(
        Measure(key, _ratio(num, den), *THRESHOLDS[key], numerator=num, denominator=den)
        for key, (num, den) in pairs.items()
    )
    return Scorecard(counts=counts, modifiers=modifiers, measures=measures)


def format_ratio(measure: Measure) -> str:
    """'1.5:1' for a ratio, '60 %' for a share, '—' when there is nothing to measure."""
    if measure.key == "rq_ratio":
        if measure.value is None:
            return f"{measure.numerator}:0" if measure.numerator else "—"
        return f"{measure.value:.1f}:1"
    if measure.value is None:
        return "—"
    return f"{round(measure.value * 100)} %"


def format_target(measure: Measure) -> str:
    if measure.key == "rq_ratio":
        return f"{measure.fair:g}:1 / {measure.good:g}:1"
    return f"{round(measure.fair * 100)} % / {round(measure.good * 100)} %"


# --------------------------------------------------------------------------- progress

#: Below these, progress says there are too few replies yet instead of drawing a trend.
MIN_PROGRESS_SESSIONS = 2
MIN_PROGRESS_REPLIES = 10
#: A measure's trend needs this many replies behind it (its questions or reflections).
MIN_TREND_WEIGHT = 6
#: A session whose figure rests on fewer replies than this is drawn faint.
FEW_REPLIES = 3
#: A reflection-to-question ratio is drawn up to 3:1; reflections without any question
#: are drawn there too.
RQ_CAP = 3.0


def enough_for_progress(cards: Sequence[Scorecard]) -> bool:
    return (len(cards) >= MIN_PROGRESS_SESSIONS
            and sum(c.total for c in cards) >= MIN_PROGRESS_REPLIES)


@dataclass(frozen=True)
class Series:
    """One measure over the sessions, oldest first: a value per session (None where the
    session did not measure it: a gap, never a zero) and the replies it rests on."""

    key: str
    values: tuple[float | None, ...]
    weights: tuple[int, ...]
    overall: Measure  # over all sessions together, so each counts by its replies

    @property
    def top(self) -> float:
        """The value at the top of a chart of this measure."""
        return RQ_CAP if self.key == "rq_ratio" else 1.0

    @property
    def measured(self) -> int:
        return sum(1 for v in self.values if v is not None)

    @property
    def trend(self) -> str:
        """'up', 'down' or 'same' by a slope weighted by replies; 'few' below the minimum."""
        points = [(i, v, w) for i, (v, w) in enumerate(zip(self.values, self.weights,
                                                           strict=True)) if v is not None]
        total = sum(w for _, _, w in points)
        if len(points) < 2 or total < MIN_TREND_WEIGHT:
            return "few"
        mx = sum(i * w for i, _, w in points) / total
        my = sum(v * w for _, v, w in points) / total
        spread = sum(w * (i - mx) ** 2 for i, _, w in points)
        slope = sum(w * (i - mx) * (v - my) for i, v, w in points) / spread
        change = slope * (points[-1][0] - points[0][0])
        if abs(change) < 0.1 * self.overall.good:
            return "same"
        return "up" if change > 0 else "down"


def _point(m: Measure) -> tuple[float | None, int]:
    if m.key == "rq_ratio":
        weight = m.numerator + m.denominator
        if m.value is None:
            return (RQ_CAP if m.numerator else None), weight
        return min(m.value, RQ_CAP), weight
    return m.value, m.denominator


def series(cards: Sequence[Scorecard], key: str) -> Series:
    points = [_point(c.measure(key)) for c in cards]
    num = sum(c.measure(key).numerator for c in cards)
    den = sum(c.measure(key).denominator for c in cards)
    overall = Measure(key, _ratio(num, den), *THRESHOLDS[key], numerator=num, denominator=den)
    return Series(key, tuple(v for v, _ in points), tuple(w for _, w in points), overall)


#: What a chart cell shows (`chart`): a bar, a faint bar (few replies), the target band,
#: a gap (not measured), or nothing.
CELL_BAR, CELL_FAINT, CELL_BAND, CELL_GAP, CELL_EMPTY = "bar", "faint", "band", "gap", ""


def chart(s: Series, height: int = 5) -> list[list[str]]:
    """Rows of cells, top row first, one column per session: a bar as high as the value,
    the band between fair and good where there is no bar, a gap mark in the bottom row
    of a session that did not measure the figure."""
    rows = []
    for r in range(height - 1, -1, -1):
        mid = (r + 0.5) / height * s.top
        in_band = s.overall.fair - 1e-9 <= mid <= s.overall.good + s.top / height / 2
        row = []
        for value, weight in zip(s.values, s.weights, strict=True):
            if value is None:
                row.append(CELL_GAP if r == 0 else (CELL_BAND if in_band else CELL_EMPTY))
            elif value >= mid or (r == 0 and value > 0):
                row.append(CELL_FAINT if weight < FEW_REPLIES else CELL_BAR)
            else:
                row.append(CELL_BAND if in_band else CELL_EMPTY)
        rows.append(row)
    return rows
