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

The mentee's answer depends on the kind of reply (`FOLLOWUP_FOR`): an open question or a
reflection draws the mentee out, a closed question gets a short answer, unasked advice
gets "yes, but ...". A retried reply stays in the record (hosts store it) but is marked
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
from .facts import REPLY_CODES
from .yamlsource import Source, parse

#: The codes a reply can get (the analysis's `REPLY_CODES`, declared in the core).
CODES: tuple[str, ...] = REPLY_CODES
MODIFIERS: tuple[str, ...] = ("why", "leading", "stacked", "judgement")

#: The kinds of mentee follow-up a scenario must provide, one list each.
FOLLOWUP_KINDS: tuple[str, ...] = (
    "open_question",
    "closed_question",
    "reflection",
    "affirmation",
    "advice",
    "other",
)

#: Which follow-up the mentee gives to which kind of reply. Unasked information lands
#: like advice ("yes, but ..."): it tells the mentee how things are instead of listening.
FOLLOWUP_FOR: Mapping[str, str] = {
    "open_question": "open_question",
    "closed_question": "closed_question",
    "simple_reflection": "reflection",
    "complex_reflection": "reflection",
    "affirmation": "affirmation",
    "advice": "advice",
    "information": "advice",
    "other": "other",
}

#: Replies that keep the mentee talking; the others get a stronger example offered first.
LISTENING: frozenset[str] = frozenset(
    {"open_question", "simple_reflection", "complex_reflection", "affirmation"}
)

#: After this many kept replies in one scenario, hosts suggest moving on.
SUGGEST_NEXT_AFTER = 4

MIN_SCENARIOS = 20

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
        )


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Scenario:
    """One mentee, one situation, and how the mentee answers each kind of reply."""

    id: str
    topic: str
    persona: str
    context: str
    opening: str
    followups: Mapping[str, tuple[str, ...]]
    stronger: str


@dataclass(frozen=True)
class ScenarioBank:
    lang: str
    scenarios: tuple[Scenario, ...]

    def get(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def ids(self) -> list[str]:
        return [s.id for s in self.scenarios]


#: Diagnostic codes of scenario files. Stable: tests pin them; never renumber.
PS_CODES: Mapping[str, str] = {
    "PS001": "'scenarios' must be a list of scenarios",
    "PS002": "a scenario is missing a required key",
    "PS003": "a value must be non-empty text",
    "PS004": "unknown key",
    "PS005": "duplicate scenario id",
    "PS006": "a reply type has no follow-up",
    "PS007": "unknown reply type under followups",
    "PS008": "an id has characters it may not have",
    "PS009": "fewer scenarios than a practice bank should have",
    "PS010": "unknown or missing language",
}

_TOP_KEYS = ("lang", "scenarios", "description")
_SCENARIO_KEYS = ("id", "topic", "persona", "context", "opening", "followups", "stronger")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _check(src: Source, lang_hint: str | None) -> tuple[str, list[Scenario], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    data = src.data
    if not isinstance(data, dict):
        return "en", [], [src.diag((), "PS001", "the file must be a mapping with 'scenarios:'")]
    for path, _ in src.duplicates:
        diags.append(src.diag(path, "PS004", f"the key '{path[-1]}' appears twice",
                              "keep one of them", key=True))
    for key in data:
        if key not in _TOP_KEYS:
            diags.append(src.diag((key,), "PS004", f"unknown key '{key}'",
                                  did_you_mean(str(key), _TOP_KEYS), key=True))
    stem = src.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    lang = data.get("lang") or (stem if stem in LANGS else lang_hint)
    if lang not in LANGS:
        diags.append(src.diag(("lang",), "PS010",
                              f"the language must be one of {', '.join(LANGS)}, not {lang!r}",
                              "add 'lang: en' (or de, da) at the top of the file"))
        lang = "en"
    items = data.get("scenarios")
    if not isinstance(items, list):
        diags.append(src.diag(("scenarios",), "PS001", "'scenarios' must be a list",
                              "start each scenario with '- id: ...'"))
        return lang, [], diags
    seen: dict[str, int] = {}
    out: list[Scenario] = []
    for i, item in enumerate(items):
        base = ("scenarios", i)
        if not isinstance(item, dict):
            diags.append(src.diag(base, "PS001", "a scenario must be a mapping",
                                  "give it id, topic, persona, context, opening, followups, "
                                  "stronger"))
            continue
        ok = True
        for key in item:
            if key not in _SCENARIO_KEYS:
                diags.append(src.diag(base + (key,), "PS004", f"unknown key '{key}'",
                                      did_you_mean(str(key), _SCENARIO_KEYS), key=True))
        values: dict[str, str] = {}
        for key in _SCENARIO_KEYS:
            if key == "followups":
                continue
            if key not in item:
                diags.append(src.diag(base, "PS002", f"the scenario has no '{key}'",
                                      f"add '{key}:' to it"))
                ok = False
                continue
            text = _text(item[key])
            if text is None:
                diags.append(src.diag(base + (key,), "PS003", f"'{key}' must be non-empty text",
                                      "write it as a quoted string"))
                ok = False
                continue
            values[key] = text
        sid = values.get("id")
        if sid is not None:
            if not _ID_RE.match(sid):
                diags.append(src.diag(base + ("id",), "PS008",
                                      f"the id '{sid}' may only have a-z, 0-9 and '-'",
                                      "use lowercase words joined by '-'"))
                ok = False
            elif sid in seen:
                diags.append(src.diag(base + ("id",), "PS005",
                                      f"the id '{sid}' is already used by scenario {seen[sid] + 1}",
                                      "give every scenario its own id"))
                ok = False
            else:
                seen[sid] = i
        followups: dict[str, tuple[str, ...]] = {}
        fu = item.get("followups")
        if not isinstance(fu, dict):
            where = base + ("followups",) if "followups" in item else base
            diags.append(src.diag(where, "PS002", "the scenario needs 'followups:' per reply type",
                                  "add a mapping with " + ", ".join(FOLLOWUP_KINDS)))
            ok = False
        else:
            for kind in fu:
                if kind not in FOLLOWUP_KINDS:
                    diags.append(src.diag(base + ("followups", kind), "PS007",
                                          f"unknown reply type '{kind}'",
                                          did_you_mean(str(kind), FOLLOWUP_KINDS), key=True))
            for kind in FOLLOWUP_KINDS:
                lines = fu.get(kind)
                if isinstance(lines, str):
                    lines = [lines]
                texts = [_text(x) for x in lines] if isinstance(lines, list) else []
                if not texts or any(x is None for x in texts):
                    where = base + ("followups", kind) if kind in fu else base + ("followups",)
                    diags.append(src.diag(where, "PS006",
                                          f"no follow-up for the reply type '{kind}'",
                                          "give a list of one or more non-empty lines"))
                    ok = False
                    continue
                followups[kind] = tuple(x for x in texts if x)
        if ok:
            out.append(Scenario(id=values["id"], topic=values["topic"],
                                persona=values["persona"], context=values["context"],
                                opening=values["opening"], followups=followups,
                                stronger=values["stronger"]))
    if len(items) < MIN_SCENARIOS:
        diags.append(src.diag(("scenarios",), "PS009",
                              f"only {len(items)} scenarios; a practice bank should have at "
                              f"least {MIN_SCENARIOS}", "add more scenarios",
                              severity=WARNING))
    return lang, out, diags


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


# --------------------------------------------------------------------------- the stepper


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

    @property
    def done(self) -> bool:
        return self.scenario is None

    @property
    def suggest_next(self) -> bool:
        return self.kept >= SUGGEST_NEXT_AFTER


@dataclass(frozen=True)
class Reply:
    """One reply the mentor typed, as it is recorded."""

    scenario: str
    step: int
    mentee: str  # what the reply answered
    text: str
    code: Code
    followup_kind: str
    followup: str
    superseded: bool = False

    def as_payload(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "step": self.step,
            "mentee": self.mentee,
            "text": self.text,
            **self.code.as_dict(),
            "followup_kind": self.followup_kind,
            "followup": self.followup,
        }


@dataclass(frozen=True)
class Feedback:
    """What a host shows after a reply."""

    reply: Reply
    stronger: str  # an example of a stronger reply from the scenario
    listening: bool  # the reply kept the mentee talking (open question, reflection, affirmation)
    turn: Turn  # what comes next: the mentee's follow-up

    @property
    def code(self) -> Code:
        return self.reply.code


@dataclass
class _Undo:
    mentee: str
    step: int
    used: dict[str, int]


@dataclass
class Practice:
    """A practice run over `scenarios`, coded by `coder`. Never asks; only answers."""

    scenarios: Sequence[Scenario]
    coder: Coder
    lang: str = "en"
    _index: int = 0
    _step: int = 0
    _mentee: str = ""
    _used: dict[str, int] = field(default_factory=dict)
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
        scenario = self.scenario
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
        return Turn(scenario=scenario, index=self._index, total=len(self.scenarios),
                    mentee=self._mentee, step=self._step, kept=kept,
                    can_retry=self._undo is not None)

    def reply(self, text: str) -> Feedback:
        """Code the mentor's reply, let the mentee answer it, and say how it worked."""
        scenario = self.scenario
        if scenario is None:
            raise RuntimeError("every scenario has been practised; there is nothing to answer")
        code = Code.of(self.coder(text, self._mentee, self.lang))
        kind = FOLLOWUP_FOR[code.code]
        lines = scenario.followups[kind]
        n = self._used.get(kind, 0)
        followup = lines[min(n, len(lines) - 1)]
        record = Reply(scenario=scenario.id, step=self._step, mentee=self._mentee, text=text,
                       code=code, followup_kind=kind, followup=followup)
        self._apply(record)
        return Feedback(reply=record, stronger=scenario.stronger,
                        listening=code.code in LISTENING, turn=self.current())

    def _apply(self, record: Reply) -> None:
        self._undo = _Undo(self._mentee, self._step, dict(self._used))
        self.replies.append(record)
        self._used[record.followup_kind] = self._used.get(record.followup_kind, 0) + 1
        self._mentee = record.followup
        self._step += 1

    def retry(self) -> Turn:
        """Take the last reply back: it stays on record as superseded; answer again."""
        if self._undo is None:
            return self.current()
        undo, self._undo = self._undo, None
        last = len(self.replies) - 1
        self.replies[last] = replace(self.replies[last], superseded=True)
        self._mentee, self._step, self._used = undo.mentee, undo.step, undo.used
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
            self._apply(Reply(scenario=str(payload.get("scenario", "")),
                              step=int(payload.get("step", self._step)),
                              mentee=str(payload.get("mentee", self._mentee)),
                              text=str(payload.get("text", "")), code=Code.from_dict(payload),
                              followup_kind=str(payload.get("followup_kind", "other")),
                              followup=str(payload.get("followup", ""))))
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

    key: str  # rq_ratio | open_share | complex_share
    value: float | None  # None when there is nothing to divide by
    fair: float
    good: float
    numerator: int
    denominator: int

    @property
    def level(self) -> str:
        """'good', 'fair', 'below', or 'none' when there is nothing to measure yet."""
        if self.value is None:
            # Reflections without a single question: as good as a ratio gets.
            if self.key == "rq_ratio" and self.numerator > 0:
                return "good"
            return "none"
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
