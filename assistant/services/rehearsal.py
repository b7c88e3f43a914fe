"""Rehearsal service: the pure rehearsal (`assistant.core.rehearsal`) with the analysis and
the reactions file of the language (`prompts/rehearsal/<lang>.yaml`).

Front ends call `RehearsalRun(lang).hear(sentence)` and show what comes back: how the
sentence reads (I-statement, blame, judgement, absolutes) in words, what the scripted
counterpart says, and the coach line. Nothing is stored: rehearsing is trying out, and
the plan keeps the sentence the person wrote in the dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..core.errors import UserError
from ..core.rehearsal import Reaction, Reading, Rehearsal, load_reactions
from ..i18n import N_, t
from .content import prompts_dir

#: A step with this tag offers the rehearsal once it is answered.
TAG = "rehearse"


def rehearsal_dir() -> Path:
    return prompts_dir() / "rehearsal"


@cache
def reactions(lang: str) -> dict[str, Reaction]:
    folder = rehearsal_dir()
    path = folder / f"{lang}.yaml"
    if not path.is_file():
        path = folder / "en.yaml"
    if not path.is_file():
        raise UserError("the rehearsal reactions are missing",
                        f"reinstall Reflect or restore {folder / 'en.yaml'}")
    return load_reactions(path.read_text(encoding="utf-8"), str(path))


@dataclass(frozen=True)
class Heard:
    reading: Reading
    reading_text: str  # "I-statement: no · blame: yes · ..."
    say: str
    coach: str


# The rehearsal's words, in one place (said with i18n.t in the dialogue's language).
OFFER = N_("Rehearse it: a scripted counterpart hears your first sentence and reacts. Type "
           "another version to try again, or an empty line to go on.")
HEARD = N_("Heard")
COUNTERPART = N_("Counterpart")
KEPT = N_("Your plan keeps the sentence you wrote; to use another version, choose that "
          "question by its number on the review page.")
_FEATURES = (N_("I-statement"), N_("blame"), N_("judgement"), N_("absolutes"))


def reading_text(r: Reading, lang: str) -> str:
    """How the sentence reads, e.g. "I-statement: no · blame: yes · ... absolutes: yes
    (always)"."""
    yes, no = t("yes", lang), t("no", lang)
    absolutes = yes + (f" ({', '.join(r.absolutes)})" if r.absolutes != ("…",) else "")
    values = (yes if r.i_statement else no, yes if r.blame else no,
              yes if r.judgement else no, absolutes if r.absolutes else no)
    return " · ".join(f"{t(name, lang)}: {value}"
                      for name, value in zip(_FEATURES, values, strict=True))


class RehearsalRun:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rehearsal = Rehearsal(reactions(lang))

    def hear(self, sentence: str) -> Heard:
        from ..analysis import analyse

        facts = analyse(sentence, lang=self.lang).as_dict()
        reading, say, coach = self.rehearsal.hear(sentence, facts)
        return Heard(reading, reading_text(reading, self.lang), say, coach)
