"""A drill on stdin and stdout: `reflect practice --drill --plain`.

Names the weakest measure from the person's history (or says there is none yet), then
one exercise per line: the mentee's words and, for "open this question" and "answer
without advice", the line to rework. Each reply is coded, marked done or not yet, with a
suggestion built from it; at the end the measure before (history) and in this drill.
Everything the mentor typed is neutralised before it is echoed.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.drill import DrillFeedback, Exercise
from ..i18n import t
from ..services.drill import (
    TITLE,
    DrillRun,
    exercise_title,
    given_label,
    mark,
    opening_lines,
    result_text,
)
from ..services.practice import code_label, modifier_labels
from .dialogue import EndOfInput, LineIO


class PlainDrill(LineIO):
    def __init__(self, run: DrillRun, stdin: TextIO = sys.stdin,
                 stdout: TextIO = sys.stdout) -> None:
        super().__init__(stdin, stdout)
        self.run_ = run
        self.lang = run.lang

    def run(self) -> int:
        lang, run = self.lang, self.run_
        self.say(t("{title} (session {id}). Type :quit to stop.", lang, title=t(TITLE, lang),
                   id=run.id))
        for line in opening_lines(run, lang):
            self.say(line)
        ex = run.current()
        if ex is None:
            run.finish()
            return 0
        interrupted = False
        try:
            while ex is not None:
                self.show(ex)
                try:
                    line = self.read_line()
                except EndOfInput:
                    break
                if line.strip().lower() == ":quit":
                    break
                if not line.strip():
                    continue
                self.show_feedback(run.reply(line))
                ex = run.current()
        except KeyboardInterrupt:
            interrupted = True
            self.say()
        after = run.finish()
        self.say()
        self.say(result_text(run, after, lang))
        return 130 if interrupted else 0

    def show(self, ex: Exercise) -> None:
        lang = self.lang
        self.say()
        self.say(exercise_title(self.run_, ex, lang))
        self.say(t("Mentee", lang) + f": \"{ex.mentee}\"")
        if ex.given:
            self.say(given_label(ex, lang) + f": \"{ex.given}\"")

    def show_feedback(self, fb: DrillFeedback) -> None:
        lang = self.lang
        mods = modifier_labels(fb.code, lang)
        extra = f" ({', '.join(mods)})" if mods else ""
        self.say("  " + t("Code", lang) + f": {code_label(fb.code.code, lang)}{extra}. "
                 f"{mark(fb, lang)}.")
        for note in fb.notes:
            self.say(f"  {note}")
        self.say("  " + t("Try", lang) + f": {fb.suggestion}")
