"""The plain front end: a dialogue on stdin and stdout, one prompt at a time.

For screen readers, pipes and CI. Each answer is one line (a multi-line step reads
lines until an empty one); choices and scales are answered by number; `:back`, `:skip`,
`:pause` and `:help` are commands. End of input pauses the session (everything is
already saved). Piped stdin works, so a whole dialogue can be scripted.

Lines of a multi-line answer not yet ended by the empty line are kept as a draft when
the person pauses (`:pause`) or presses Ctrl+C; a resumed session shows the draft, and
an empty line sends it.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TextIO

from ..core.safe_text import neutralise
from ..core.stepper import Turn, display_value
from ..i18n import N_, NOTE_LABELS, t, translation
from ..services.dialogue import Dialogue

COMMANDS = (":back", ":skip", ":pause", ":help", ":done")


class EndOfInput(Exception):
    """The input ended (or the person typed :pause): everything is saved; stop asking."""


def isatty(stream: TextIO) -> bool:
    """Whether a stream is a terminal (false for pipes, files and test doubles)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _lenient(stream: TextIO) -> TextIO:
    """Read bytes that are not UTF-8 (a paste from a Latin-1 terminal, a binary file)
    as lone surrogates instead of failing, so that `_readable` can repair the line."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", None) == "strict":
        try:
            reconfigure(errors="surrogateescape")
        except (ValueError, OSError):
            pass
    return stream


def _readable(line: str) -> str:
    """The line with each undecodable byte (a lone surrogate) as U+FFFD: SQLite stores
    only valid UTF-8, and the answer is kept rather than lost."""
    if line.isascii():
        return line
    try:
        raw = line.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no decoder made: not the person's bytes
        raw = line.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


class LineIO:
    """Line-by-line talk on a pair of text streams, shared by the plain front ends."""

    def __init__(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout):
        self.stdin = _lenient(stdin)
        self.out = stdout
        self.echo = not isatty(stdin)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def read_line(self) -> str:
        """Prompt with "> " and read one line; raises `EndOfInput` when the input ends."""
        self.out.write("> ")
        self.out.flush()
        line = self.stdin.readline()
        if line == "":
            raise EndOfInput
        line = line.rstrip("\n").rstrip("\r")
        readable = _readable(line)
        if self.echo:
            # Piped input is not shown by a terminal; echo it so the output reads as a
            # transcript (answers neutralised, like everywhere else on screen).
            self.say(neutralise(readable))
        if readable != line:
            self.say(t("(Part of that line was not valid UTF-8 text; it is kept with � in place "
                       "of each unreadable character.)",
                       getattr(self, "lang", "en")))
        return readable


class PlainFrontEnd(LineIO):
    def __init__(self, dialogue: Dialogue, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout):
        super().__init__(stdin, stdout)
        self.d = dialogue
        self.lang = dialogue.stepper.lang
        self._command = False

    def run(self, *, resumed: bool = False) -> int:
        s = self.d.stepper
        self.say(t("{title} (session {id}). Commands: :back, :skip, :pause, :help",
                   self.lang, title=s.script.title, id=self.d.id))
        if resumed:
            self.d.continue_here()
            self.show_so_far()
        turn = self.d.current()
        try:
            while turn.kind != "done":
                self.show(turn)
                self.d.store.checkpoint()  # to the disk while the person reads and types
                before = turn
                turn = self.ask(turn)
                self.maybe_rehearse(before, turn)
        except EndOfInput:
            self.say()
            self.say(self._paused())
            return 0
        except KeyboardInterrupt:
            self.say()
            self.say(self._paused())
            return 130
        for note in turn.notes:
            self.note(note.kind, note.text)
        self.keep_hint(turn)
        self.say()
        self.out.write(self.d.summary("md"))
        self.say()
        self.say(t("Finished. Session {id} is saved; show it again with: reflect summary {id}",
                   self.lang, id=self.d.id))
        return 0

    def maybe_rehearse(self, before: Turn, after: Turn) -> None:
        """After a step tagged `rehearse` is answered, try the sentence on a scripted
        counterpart (services/rehearsal.py) until an empty line."""
        from ..services.rehearsal import COUNTERPART, HEARD, KEPT, OFFER, TAG, RehearsalRun

        step = before.step
        if (step is None or TAG not in step.tags or before.kind not in ("text", "probe")
                or self._command or (after.step is not None and after.step.id == step.id)):
            return
        sentence = self.d.stepper.answers().get(step.key)
        if not isinstance(sentence, str) or not sentence.strip():
            return  # skipped, or gone back
        run = RehearsalRun(self.lang)
        self.say(t(OFFER, self.lang))
        tries = 0
        while sentence.strip():
            heard = run.hear(sentence)
            self.say(f"  {t(HEARD, self.lang)}: {heard.reading_text}")
            self.say(f"  {t(COUNTERPART, self.lang)}: \"{heard.say}\"")
            self.say(f"  {heard.coach}")
            try:
                sentence = self.read_line()
            except EndOfInput:
                break
            tries += 1
        if tries > 1 or (tries == 1 and sentence.strip()):
            self.say(t(KEPT, self.lang))

    def _paused(self) -> str:
        key = (N_("Paused; your answers are saved, and the lines you had not sent yet are "
                  "kept as a draft. Continue with: reflect resume {id}") if self.d.has_draft
               else N_("Paused; everything is saved. Continue with: reflect resume {id}"))
        return t(key, self.lang, id=self.d.id)

    def show_so_far(self) -> None:
        items = self.d.stepper.answers_so_far()
        if not items:
            return
        self.say(t("Your answers so far:", self.lang))
        for i, item in enumerate(items, 1):
            self.say(f"  {i}. {item.prompt}")
            for line in neutralise(item.answer).splitlines():
                self.say(f"     {line}")

    def keep_hint(self, turn: Turn) -> None:
        """After a notice that made an answer private: how to keep it in the summary."""
        if any(n.kind == "notice" for n in turn.notes) and self.d.stepper.keepable():
            self.say(t("(This answer stays out of the summary you share. To keep it in, type "
                       ":keep.)", self.lang))

    def note(self, kind: str, text: str) -> None:
        self.say(t(NOTE_LABELS[kind], self.lang) + f": {text}")

    def show(self, turn: Turn) -> None:
        self.say()
        for note in turn.notes:
            self.note(note.kind, note.text)
        self.keep_hint(turn)
        if turn.error:
            self.say(f"! {turn.error}")
        step = turn.step
        assert step is not None
        if turn.kind == "probe":
            self.say(t("Follow-up", self.lang) + f": {turn.prompt}")
            return
        count = f"[{turn.position}/{max(turn.expected, turn.position)}] "
        if turn.kind in ("info",):
            count = ""
        self.say(count + turn.prompt)
        if turn.help:
            self.say(f"  ({turn.help})")
        if turn.kind in ("choice", "multi"):
            for i, opt in enumerate(turn.options, 1):
                self.say(f"  {i}) {opt.label}")
        hints = []
        if turn.kind == "text" and step.multiline:
            hints.append(t("(several lines are fine; an empty line ends your answer)", self.lang))
        elif turn.kind == "multi":
            hints.append(t("(one or more numbers, separated by commas)", self.lang))
        elif turn.kind == "scale":
            labels = ", ".join(f"{n} = {label}" for n, label in sorted(step.labels.items()))
            hints.append(t("(a number from {lo} to {hi})", self.lang, lo=step.min, hi=step.max)
                         + (f" {labels}" if labels else ""))
        elif turn.kind == "yesno":
            hints.append(t("(yes or no)", self.lang))
        elif turn.kind == "info":
            hints.append(t("(press Enter to go on)", self.lang))
        if turn.prefill is not None and turn.kind != "info":
            shown = display_value(step, turn.prefill, translation(self.lang))
            hints.append(t("(Enter keeps your earlier answer: {answer})",
                           self.lang, answer=neutralise(shown).replace("\n", " / ")))
        elif turn.kind in ("text", "choice", "multi", "scale", "yesno") and turn.can_skip:
            hints.append(t("(optional: :skip leaves it open)", self.lang))
        if turn.draft:
            hints.append(t("(your draft from last time: {draft} — an empty line sends it, "
                           "anything you type replaces it)", self.lang,
                           draft=neutralise(turn.draft).replace("\n", " / ")))
        if turn.kind == "review":
            for i, item in enumerate(turn.review, 1):
                self.say(f"  {i}. {item.prompt}")
                for line in neutralise(item.answer).splitlines() or [""]:
                    self.say(f"     {line}")
            hints.append(t("Enter or :done finishes; a number changes that answer.", self.lang))
        for hint in hints:
            self.say(f"  {hint}")

    def ask(self, turn: Turn) -> Turn:
        first = self.read_line()
        self._command = first.strip().startswith(":")  # :back, :skip ... answer nothing
        cmd = first.strip().lower()
        if cmd.startswith(":"):
            if cmd == ":back":
                return self.d.back()
            if cmd == ":skip":
                return self.d.skip()
            if cmd == ":pause":
                raise EndOfInput
            if cmd == ":keep":
                kept = self.d.stepper.keepable() is not None
                turn = self.d.keep()
                self.say(t("Kept: this answer will be in the summary you share.", self.lang) if kept
                         else t("There is no private answer to keep.", self.lang))
                return replace(turn, notes=())  # the notice was read: ask again without it
            if cmd == ":help":
                self.say(t(":back goes to the previous question, :skip leaves this one open, "
                           ":pause stops here (everything is saved), :keep keeps a private answer "
                           "in the summary you share. Choices are answered by number.",
                           self.lang))
                return turn
            if cmd == ":done" and turn.kind == "review":
                return self.d.answer(True)
            self.say(t("Unknown command {cmd}. {help}", self.lang, cmd=cmd,
                       help=t(":back goes to the previous question, :skip leaves this one open, "
                              ":pause stops here (everything is saved), :keep keeps a private "
                              "answer in the summary you share. Choices are answered by number.",
                              self.lang)))
            return turn
        if turn.kind == "review":
            if cmd.isdigit() and 1 <= int(cmd) <= len(turn.review):
                item = turn.review[int(cmd) - 1]
                return self.d.edit(item.step, item.visit)
            return self.d.answer(True)
        step = turn.step
        if not first.strip() and turn.draft:
            return self.d.answer(turn.draft)  # an empty line sends the kept draft
        if turn.kind == "text" and step is not None and step.multiline and first.strip():
            lines = [first]
            while True:
                try:
                    line = self.read_line()
                except EndOfInput:
                    break
                except KeyboardInterrupt:
                    self.d.draft("\n".join(lines))  # typed, not sent: kept
                    raise
                if not line.strip():
                    break
                if line.strip().lower() == ":pause":
                    self.d.draft("\n".join(lines))
                    raise EndOfInput
                lines.append(line)
            return self.d.answer("\n".join(lines))
        return self.d.answer(first)
