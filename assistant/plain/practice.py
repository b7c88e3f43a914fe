"""Practice on stdin and stdout: each line is one reply to the mentee.

For screen readers, pipes and CI, like `assistant.plain`. Commands: `:retry` takes the
last reply back, `:next` goes on to the next scenario, `:wrong [CODE]` marks the last
reply's code as wrong (stored; `reflect practice --export-disagreements` hands the marks
to the team), `:quit` (or the end of input) ends and prints the scorecard, `:help`
explains. Every reply's feedback names its kind
in words ("open question", "advice", ...), says in one sentence why, and offers the
scenario's stronger reply when the reply was not already a complex reflection.
Everything the mentor typed is neutralised before it is echoed.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.practice import CODES, Feedback, Scorecard, Turn
from ..core.safe_text import neutralise
from ..i18n import t
from ..services.practice import MEASURES, PracticeRun, code_label, measure_line, modifier_labels
from .dialogue import EndOfInput, LineIO

COMMANDS = (":retry", ":next", ":wrong", ":quit", ":help")


class PlainPractice(LineIO):
    def __init__(self, run: PracticeRun, stdin: TextIO = sys.stdin,
                 stdout: TextIO = sys.stdout) -> None:
        super().__init__(stdin, stdout)
        self.run_ = run
        self.lang = run.lang

    def next_line(self) -> str | None:
        """The next reply, or None when the input has ended."""
        try:
            return self.read_line()
        except EndOfInput:
            return None

    # ------------------------------------------------------------------ the loop

    def run(self) -> int:
        lang = self.lang
        self.say(t("practice.header", lang, title=t("practice.title", lang), id=self.run_.id))
        self.say(t("practice.intro", lang))
        turn = self.run_.current()
        self.show_scenario(turn)
        try:
            while not turn.done:
                line = self.next_line()
                if line is None or line.strip().lower() == ":quit":
                    break
                command = line.strip().lower()
                if command == ":help":
                    self.say(t("practice.help", lang))
                elif command == ":next":
                    turn = self.run_.next()
                    if turn.done:
                        self.say(t("practice.done", lang))
                    else:
                        self.show_scenario(turn)
                elif command == ":retry":
                    if not turn.can_retry:
                        self.say(t("practice.nothing_to_retry", lang))
                        continue
                    turn = self.run_.retry()
                    self.say(t("practice.retried", lang))
                    self.show_mentee(turn.mentee)
                elif command == ":wrong" or command.startswith(":wrong "):
                    self.mark_wrong(command.removeprefix(":wrong").strip())
                elif command.startswith(":") and " " not in command:
                    self.say(t("practice.unknown_command", lang, cmd=neutralise(command),
                               help=t("practice.help", lang)))
                elif not line.strip():
                    continue
                else:
                    feedback = self.run_.reply(line)
                    for notice in self.run_.safety_notices(line):
                        self.say(f"{t('plain.notice', lang)}: {notice}")
                    self.show_feedback(feedback)
                    turn = feedback.turn
        except KeyboardInterrupt:
            interrupted = True  # still show the scorecard, then exit 130 like the rest
            self.say()
        else:
            interrupted = False
        card = self.run_.finish()
        self.say()
        self.show_scorecard(card)
        self.say()
        self.say(t("practice.saved", lang, id=self.run_.id))
        return 130 if interrupted else 0

    def mark_wrong(self, suggested: str) -> None:
        lang = self.lang
        if suggested and suggested not in CODES:
            self.say(t("practice.unknown_code", lang, code=neutralise(suggested),
                       codes=", ".join(CODES)))
            return
        mark = self.run_.mark_wrong(suggested or None)
        if mark is None:
            self.say(t("practice.nothing_to_mark", lang))
            return
        self.say(t("practice.marked", lang, code=code_label(mark["code"], lang)))

    # ------------------------------------------------------------------ output

    def show_scenario(self, turn: Turn) -> None:
        s = turn.scenario
        if s is None:
            return
        self.say()
        self.say(t("practice.scenario", self.lang, n=turn.index + 1, total=turn.total,
                   topic=s.topic))
        self.say(f"{s.persona}. {s.context}")
        self.show_mentee(turn.mentee)

    def show_mentee(self, text: str) -> None:
        self.say(f"{t('practice.mentee', self.lang)}: \"{text}\"")

    def show_feedback(self, fb: Feedback) -> None:
        lang = self.lang
        code = fb.code
        label = code_label(code.code, lang)
        mods = modifier_labels(code, lang)
        extra = f" ({', '.join(mods)})" if mods else ""
        self.say(f"  {t('practice.code', lang)}: {label}{extra}. {code.reason}".rstrip())
        notes = [t(f"practice.note.{code.code}", lang)]
        notes += [t(f"practice.note.{m}", lang) for m in code.modifiers]
        for note in notes:
            self.say(f"  {note}")
        if code.code != "complex_reflection":
            self.say(f"  {t('practice.stronger', lang)}: \"{fb.stronger}\" "
                     f"{t('practice.retry_hint', lang)}")
        self.show_mentee(fb.turn.mentee)
        if fb.turn.suggest_next:
            self.say(t("practice.suggest_next", lang))

    def show_scorecard(self, card: Scorecard) -> None:
        self.say(scorecard_text(card, self.lang,
                                retried=sum(1 for r in self.run_.practice.replies
                                            if r.superseded)))


def scorecard_text(card: Scorecard, lang: str, retried: int = 0) -> str:
    """The scorecard as plain text lines (also used by `reflect practice --progress`)."""
    lines = [f"{t('practice.scorecard', lang)}: {t('practice.disclaimer', lang)}",
             "  " + t("practice.kept", lang, kept=card.total, retried=retried)]
    width = max(len(code_label(c, lang)) for c in card.counts)
    for code, n in card.counts.items():
        lines.append(f"  {code_label(code, lang):<{width}}  {n:>3}")
    mods = [f"{t(f'practice.modifier.{m}', lang)} {n}" for m, n in card.modifiers.items() if n]
    if mods:
        lines.append(f"  {t('practice.modifiers', lang)}: {', '.join(mods)}")
    for key in MEASURES:
        m = measure_line(card, key, lang)
        lines.append(f"  {m['name']}: {m['value']} ({m['detail']}) - {m['level_text']}; "
                     f"{m['target']}")
    return "\n".join(lines)
