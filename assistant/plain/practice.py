"""Practice on stdin and stdout: each line is one reply to the mentee.

For screen readers, pipes and CI, like `assistant.plain`. Commands: `:retry` takes the
last reply back, `:next` goes on to the next scenario, `:wrong [CODE]` marks the last
reply's code as wrong (stored; `reflect practice --export-disagreements` hands the marks
to the team), `:quit` (or the end of input) ends and prints the scorecard, `:help`
explains. Every reply's feedback names its kind
in words ("open question", "advice", ...), says in one sentence why, explains a code the
first time it comes up, and suggests what to try, built from the reply itself.
Everything the mentor typed is neutralised before it is echoed.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.practice import CODES, Feedback, Scorecard, Turn
from ..core.safe_text import neutralise
from ..i18n import t, tn
from ..services.practice import (
    MEASURES,
    PracticeRun,
    code_label,
    measure_line,
    modifier_labels,
    modifier_name,
)
from .dialogue import EndOfInput, LineIO

COMMANDS = (":retry", ":next", ":wrong", ":quit", ":help")


class PlainPractice(LineIO):
    def __init__(self, run: PracticeRun, stdin: TextIO = sys.stdin,
                 stdout: TextIO = sys.stdout) -> None:
        super().__init__(stdin, stdout)
        self.run_ = run
        self.lang = run.lang
        self.hinted = False  # the :retry hint is shown once a session

    def next_line(self) -> str | None:
        """The next reply, or None when the input has ended."""
        try:
            return self.read_line()
        except EndOfInput:
            return None

    # ------------------------------------------------------------------ the loop

    def run(self) -> int:
        lang = self.lang
        self.say(t("{title} (session {id}). Commands: :retry, :next, :wrong, :quit, :help",
                   lang, title=t("Active-listening practice", lang), id=self.run_.id))
        self.say(t("Answer the mentee as you would in a meeting; each line is one reply. Aim for "
                   "open questions and reflections.", lang))
        turn = self.run_.current()
        self.show_scenario(turn)
        try:
            while not turn.done:
                line = self.next_line()
                if line is None or line.strip().lower() == ":quit":
                    break
                command = line.strip().lower()
                if command == ":help":
                    self.say(t(":retry takes your last reply back and lets you answer again, "
                               ":next goes on to the next scenario, :wrong marks the code of your "
                               "last reply as wrong (:wrong simple_reflection says which code you "
                               "would give), :quit ends and shows your scorecard.",
                               lang))
                elif command == ":next":
                    turn = self.run_.next()
                    if turn.done:
                        self.say(t("That was the last scenario.", lang))
                    else:
                        self.show_scenario(turn)
                elif command == ":retry":
                    if not turn.can_retry:
                        self.say(t("There is no reply to take back here.", lang))
                        continue
                    turn = self.run_.retry()
                    self.say(t("Taken back. Answer the mentee again:", lang))
                    self.show_mentee(turn.mentee)
                elif command == ":wrong" or command.startswith(":wrong "):
                    self.mark_wrong(command.removeprefix(":wrong").strip())
                elif command.startswith(":") and " " not in command:
                    self.say(t("Unknown command {cmd}. {help}", lang, cmd=neutralise(command),
                               help=t(":retry takes your last reply back and lets you answer "
                                      "again, :next goes on to the next scenario, :wrong marks "
                                      "the code of your last reply as wrong (:wrong "
                                      "simple_reflection says which code you would give), :quit "
                                      "ends and shows your scorecard.",
                                      lang)))
                elif not line.strip():
                    continue
                else:
                    feedback = self.run_.reply(line)
                    for notice in self.run_.safety_notices(line):
                        self.say(t("Please note", lang) + f": {notice}")
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
        self.say(t("Session {id} is saved. See your progress with: reflect practice --progress",
                   lang, id=self.run_.id))
        return 130 if interrupted else 0

    def mark_wrong(self, suggested: str) -> None:
        lang = self.lang
        if suggested and suggested not in CODES:
            self.say(t("There is no code {code}. Use one of: {codes}.",
                       lang, code=neutralise(suggested),
                       codes=", ".join(CODES)))
            return
        mark = self.run_.mark_wrong(suggested or None)
        if mark is None:
            self.say(t("There is no coded reply to mark yet.", lang))
            return
        self.say(t("Noted: you think \"{code}\" is the wrong code. The mark is stored on this "
                   "machine; reflect practice --export-disagreements writes it out for the team.",
                   lang, code=code_label(mark["code"], lang)))

    # ------------------------------------------------------------------ output

    def show_scenario(self, turn: Turn) -> None:
        s = turn.scenario
        if s is None:
            return
        self.say()
        self.say(t("Scenario {n} of {total} · {topic}",
                   self.lang, n=turn.index + 1, total=turn.total,
                   topic=s.topic))
        self.say(f"{s.persona}. {s.context}")
        self.show_mentee(turn.mentee)

    def show_mentee(self, text: str) -> None:
        self.say(t("Mentee", self.lang) + f": \"{text}\"")

    def show_feedback(self, fb: Feedback) -> None:
        lang = self.lang
        code = fb.code
        label = code_label(code.code, lang)
        mods = modifier_labels(code, lang)
        extra = f" ({', '.join(mods)})" if mods else ""
        self.say(("  " + t("Code", lang) + f": {label}{extra}. {code.reason}").rstrip())
        for note in fb.notes:
            self.say(f"  {note}")
        self.say("  " + t("Try", lang) + f": {fb.suggestion}")
        if not fb.listening and not self.hinted:
            self.hinted = True
            self.say("  " + t("(:retry answers again; a new reply goes on)", lang))
        self.show_mentee(fb.turn.mentee)
        if fb.ended_now:
            self.say(t("The mentee has said what was on their mind. Type :next for the next "
                       "scenario.", lang))
        elif fb.turn.suggest_next:
            self.say(tn("{n} reply in this scenario so far; :next moves on whenever you are "
                        "ready.", "{n} replies in this scenario so far; :next moves on "
                        "whenever you are ready.", fb.turn.kept, lang))

    def show_scorecard(self, card: Scorecard) -> None:
        self.say(scorecard_text(card, self.lang,
                                retried=sum(1 for r in self.run_.practice.replies
                                            if r.superseded)))


def scorecard_text(card: Scorecard, lang: str, retried: int = 0) -> str:
    """The scorecard as plain text lines (also used by `reflect practice --progress`)."""
    lines = [t("Scorecard", lang) + ": "
             + t("Practice targets after MITI 4.2.1, not a certified score.", lang),
             "  " + tn("{n} reply counted, {retried} taken back",
                       "{n} replies counted, {retried} taken back", card.total, lang,
                       retried=retried)]
    width = max(len(code_label(c, lang)) for c in card.counts)
    for code, n in card.counts.items():
        lines.append(f"  {code_label(code, lang):<{width}}  {n:>3}")
    mods = [f"{modifier_name(m, lang)} {n}" for m, n in card.modifiers.items() if n]
    if mods:
        lines.append("  " + t("Also noticed", lang) + ": " + ", ".join(mods))
    for key in MEASURES:
        m = measure_line(card, key, lang)
        lines.append(f"  {m['name']}: {m['value']} ({m['detail']}) - {m['level_text']}; "
                     f"{m['target']}")
    return "\n".join(lines)
