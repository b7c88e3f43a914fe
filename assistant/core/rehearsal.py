"""Rehearsing a first sentence: how it reads, and how a scripted counterpart reacts. Pure.

In the conflict dialogue the person writes the sentence they will open the conversation
with; a step tagged `rehearse` offers to try it on a scripted counterpart. The analysis's
facts (`i_statements`, `you_statements`, `blame_language`, `judgemental`,
`absolute_language` and `absolute_terms`) give a `Reading`; the reading's `reaction`
(`REACTIONS`, worst first) picks what the counterpart says, from the reactions file of
the language (`prompts/rehearsal/<lang>.yaml`, checked by `check_reactions`):

- `absolute`: an "always" or "never" gets contested before anything else is heard;
- `blame`: blaming the person gets a defence;
- `judgement`: judging words hurt and close the other person down;
- `you`: more about "you" than about "I" sounds like an accusation, and gets caution;
- `open`: an I-statement without blame, judgement or absolutes invites a conversation;
- `unclear`: neither I nor you: the counterpart asks what is meant.

Each reaction has lines said in turn on later tries, and a `coach` line: why the
counterpart reacted so, and what to try.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, LoadError, did_you_mean
from .yamlsource import Source, parse

REACTIONS: tuple[str, ...] = ("absolute", "blame", "judgement", "you", "open", "unclear")
#: Diagnostic codes of reactions files. Stable: never renumber.
RH_CODES: Mapping[str, str] = {
    "RH001": "'reactions' must map each reaction to its lines",
    "RH002": "a reaction is missing",
    "RH003": "a line must be non-empty text",
    "RH004": "unknown reaction or key",
}
_KEYS = ("say", "coach")


@dataclass(frozen=True)
class Reading:
    """What a sentence does, read off the analysis's facts."""

    i_statement: bool
    you_statement: bool
    blame: bool
    judgement: bool
    absolutes: tuple[str, ...]

    @classmethod
    def of(cls, facts: Mapping[str, Any]) -> Reading:
        i_count = int(facts.get("i_statements") or 0)
        you_count = int(facts.get("you_statements") or 0)
        terms = tuple(str(x) for x in facts.get("absolute_terms") or ())
        if facts.get("absolute_language") and not terms:
            terms = ("…",)
        return cls(i_statement=i_count > 0, you_statement=you_count > i_count,
                   blame=bool(facts.get("blame_language")),
                   judgement=bool(facts.get("judgemental")), absolutes=terms)

    @property
    def reaction(self) -> str:
        if self.absolutes:
            return "absolute"
        if self.blame:
            return "blame"
        if self.judgement:
            return "judgement"
        if self.you_statement:
            return "you"
        if self.i_statement:
            return "open"
        return "unclear"


@dataclass(frozen=True)
class Reaction:
    say: tuple[str, ...]
    coach: str


@dataclass
class Rehearsal:
    """Tries of one sentence; each reaction's lines are said in turn."""

    reactions: Mapping[str, Reaction]
    tries: list[tuple[str, Reading]] = field(default_factory=list)
    _said: dict[str, int] = field(default_factory=dict)

    def hear(self, sentence: str, facts: Mapping[str, Any]) -> tuple[Reading, str, str]:
        """(the reading, what the counterpart says, the coach line)."""
        reading = Reading.of(facts)
        self.tries.append((sentence, reading))
        reaction = self.reactions[reading.reaction]
        n = self._said.get(reading.reaction, 0)
        self._said[reading.reaction] = n + 1
        return reading, reaction.say[n % len(reaction.say)], reaction.coach


def _check(src: Source) -> tuple[dict[str, Reaction], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    data = src.data
    raw = data.get("reactions") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return {}, [src.diag(("reactions",), "RH001", "'reactions' must be a mapping",
                             "give each of " + ", ".join(REACTIONS) + " its 'say' and "
                             "'coach'")]
    for key in data:
        if key not in ("reactions", "lang", "description"):
            diags.append(src.diag((key,), "RH004", f"unknown key '{key}'",
                                  did_you_mean(str(key), ("reactions", "lang", "description")),
                                  key=True))
    out: dict[str, Reaction] = {}
    for name, spec in raw.items():
        path = ("reactions", name)
        if name not in REACTIONS:
            diags.append(src.diag(path, "RH004", f"unknown reaction '{name}'",
                                  did_you_mean(str(name), REACTIONS), key=True))
            continue
        if not isinstance(spec, dict):
            diags.append(src.diag(path, "RH001", f"the reaction '{name}' must be a mapping",
                                  "give it 'say' (a list of lines) and 'coach'"))
            continue
        for key in spec:
            if key not in _KEYS:
                diags.append(src.diag(path + (key,), "RH004", f"unknown key '{key}'",
                                      did_you_mean(str(key), _KEYS), key=True))
        say = spec.get("say")
        lines = [say] if isinstance(say, str) else say
        good = (isinstance(lines, list) and bool(lines)
                and all(isinstance(x, str) and x.strip() for x in lines))
        coach = spec.get("coach")
        if not good:
            diags.append(src.diag(path + ("say",) if "say" in spec else path, "RH003",
                                  f"the reaction '{name}' needs 'say', one or more lines",
                                  "write what the counterpart answers, as a quoted string"))
        if not (isinstance(coach, str) and coach.strip()):
            diags.append(src.diag(path + ("coach",) if "coach" in spec else path, "RH003",
                                  f"the reaction '{name}' needs 'coach', one line",
                                  "say why the counterpart reacted so, and what to try"))
        if good and isinstance(coach, str) and coach.strip():
            out[name] = Reaction(tuple(" ".join(x.split()) for x in lines),
                                 " ".join(coach.split()))
    for name in REACTIONS:
        if name not in raw:
            diags.append(src.diag(("reactions",), "RH002", f"the reaction '{name}' is missing",
                                  f"add '{name}:' with 'say' and 'coach'"))
    return out, diags


def check_reactions(text: str, file: str, lang: str | None = None) -> list[Diagnostic]:
    try:
        src = parse(text, file)
    except LoadError as exc:
        return list(exc.diagnostics)
    return _check(src)[1]


def load_reactions(text: str, file: str) -> dict[str, Reaction]:
    src = parse(text, file)
    out, diags = _check(src)
    if diags:
        raise LoadError(diags)
    return out
