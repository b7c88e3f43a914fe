"""The script model: what a loaded, checked dialogue script and rule set are.

These are plain frozen dataclasses built by `loader.py` after the YAML passed its
schema and semantic checks, with every condition already compiled. The stepper only
ever sees this model, never YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .expressions import Condition

#: Step kinds a script may use, with what the answer is.
STEP_KINDS: dict[str, str] = {
    "text": "free text, one line or many (multiline: true)",
    "choice": "one of the options",
    "multi": "any number of the options",
    "scale": "a whole number from min to max, with labels",
    "yesno": "yes or no",
    "info": "a message; no answer",
    "review": "the review page: the answers so far, with edit, before finishing",
}

ANSWERABLE = {"text", "choice", "multi", "scale", "yesno"}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Branch:
    """One entry of a step's `next`: go to `goto` when `when` holds (or always)."""

    goto: str
    when: Condition | None = None
    max: int | None = None  # bound on visits of `goto` (required for loops)


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    prompt: str
    help: str = ""
    multiline: bool = False
    options: tuple[Option, ...] = ()
    min: int = 1
    max: int = 5
    labels: dict[int, str] = field(default_factory=dict)
    required: bool = True
    min_words: int | None = None
    store_as: str = ""
    when: Condition | None = None
    next: tuple[Branch, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The name the answer is stored under (`store_as`, else the step id)."""
        return self.store_as or self.id

    def option_label(self, value: str) -> str:
        for opt in self.options:
            if opt.value == value:
                return opt.label
        return value


@dataclass(frozen=True)
class Action:
    """What a rule does when it fires. Exactly the fields it names are set."""

    probe: str | None = None
    tip: str | None = None
    notice: str | None = None
    goto: str | None = None
    goto_max: int | None = None
    set: dict[str, Any] = field(default_factory=dict)
    flag: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    then: Action
    on: tuple[str, ...] = ()  # step tags; "*" means every answerable step; empty: text steps
    ruleset: str = ""

    def applies_to(self, step: Step) -> bool:
        if not self.on:
            return step.kind == "text"
        if "*" in self.on:
            return step.kind in ANSWERABLE
        return any(tag in step.tags for tag in self.on) or step.id in self.on


@dataclass(frozen=True)
class RuleSet:
    id: str
    rules: tuple[Rule, ...]
    file: str = ""
    description: str = ""


@dataclass(frozen=True)
class Script:
    id: str
    title: str
    steps: tuple[Step, ...]
    purpose: str = ""
    minutes: int | None = None
    lang: str = "en"
    rulesets: tuple[RuleSet, ...] = ()
    summary: str = ""  # path of the summary template, resolved by the loader
    file: str = ""

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def index(self, step_id: str) -> int:
        for i, s in enumerate(self.steps):
            if s.id == step_id:
                return i
        raise KeyError(step_id)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rs in self.rulesets for rule in rs.rules)
