"""The drill screen: short exercises on the mentor's weakest measure (`reflect practice
--drill`, or "Drill your weakest skill" on the home screen).

Like the practice screen, the store and the coder are only touched in thread workers
(`DrillRun` stores each reply before it returns) that post `DrillActed`; input is
ignored while one runs. The head names the weakest measure from the history and what to
do; each reply gets its code, done or not yet, and a suggestion built from it; after
the last exercise the log shows the measure before and in this drill. Escape goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, Input, Static

from ...core.safe_text import neutralise
from ...i18n import N_, t
from ..keys import Key
from ..widgets.transcript import Transcript
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...core.drill import DrillFeedback
    from ...core.practice import Coder
    from ...services.drill import DrillRun


class DrillActed(Message):
    def __init__(self, run: DrillRun, feedback: DrillFeedback | None = None,
                 result: str = "") -> None:
        super().__init__()
        self.run = run
        self.feedback = feedback
        self.result = result  # the before/after line once the drill is done


class DrillFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DrillScreen(ReflectScreen):
    DEFAULT_CSS = """
    DrillScreen #drill-head { height: auto; padding: 0 1; background: $boost; }
    DrillScreen #drill-log { height: 1fr; padding: 0 1; }
    DrillScreen #drill-feedback { height: auto; border: round $primary; padding: 0 1;
                                  margin: 0 1; }
    DrillScreen #drill-reply { margin: 0 1; }
    """

    KEYS = [Key("escape", "app.pop_screen", N_("Home"), priority=True)]

    def __init__(self, *, coder: Coder | None = None) -> None:
        super().__init__()
        self.coder = coder
        self.run: DrillRun | None = None
        self.busy = True
        self.result = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="drill-head", markup=False)
        yield Transcript(id="drill-log")
        yield Static(id="drill-feedback", markup=False)
        yield Input(placeholder=t("Your reply to the mentee, then Enter", self.lang),
                    id="drill-reply")
        yield Footer()

    def on_mount(self) -> None:
        from ...services.drill import TITLE

        self.title = t(TITLE, self.lang)
        self.query_one("#drill-feedback").display = False
        self.query_one("#drill-reply", Input).focus()
        self.start()

    @work(thread=True, exclusive=True, group="drill", exit_on_error=False)
    def start(self) -> None:
        from ...services.drill import DrillRun

        try:
            self.post_message(DrillActed(DrillRun.start(self.reflect.store, self.lang,
                                                        coder=self.coder)))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(DrillFailed(str(exc)))

    @work(thread=True, exclusive=True, group="drill", exit_on_error=False)
    def answer(self, text: str) -> None:
        from ...services.drill import result_text

        run = self.run
        assert run is not None
        try:
            feedback = run.reply(text)
            result = ""
            if run.current() is None:
                result = result_text(run, run.finish(), self.lang)
            self.post_message(DrillActed(run, feedback, result))
        except Exception as exc:  # noqa: BLE001
            self.post_message(DrillFailed(str(exc)))

    @on(Input.Submitted, "#drill-reply")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.busy or not text or self.run is None or self.run.current() is None:
            return
        event.input.value = ""
        self.busy = True
        self.query_one(Transcript).say(neutralise(event.value), "person",
                                       label=t("You", self.lang))
        self.answer(event.value)

    def on_drill_acted(self, message: DrillActed) -> None:
        from ...services.drill import exercise_title, given_label, mark, opening_lines
        from ...services.practice import code_label

        lang = self.lang
        run = self.run = message.run
        log = self.query_one(Transcript)
        if message.feedback is None:  # started
            first, second = opening_lines(run, lang)
            head = Text(first, style="bold")
            head.append("\n" + second, style="italic")
            self.query_one("#drill-head", Static).update(head)
        else:
            fb = message.feedback
            body = Text()
            body.append(t("Code", lang) + ": ", style="bold")
            body.append(code_label(fb.code.code, lang), style="bold reverse")
            body.append("  " + mark(fb, lang), style="bold")
            for note in fb.notes:
                body.append(f"\n{note}", style="italic")
            body.append("\n" + t("Try", lang) + ": ", style="bold")
            body.append(fb.suggestion)
            feedback = self.query_one("#drill-feedback", Static)
            feedback.update(body)
            feedback.display = True
        if message.result:
            self.result = message.result
            log.say(message.result, "system")
        ex = run.current()
        if ex is not None:
            log.say(exercise_title(run, ex, lang), "system")
            line = ex.mentee if not ex.given else (
                f"{ex.mentee}\n{given_label(ex, lang)}: \u201c{ex.given}\u201d")
            log.say(line, "assistant", label=t("Mentee", lang))
        self.busy = False

    def on_drill_failed(self, message: DrillFailed) -> None:
        self.busy = False
        self.notify(message.error, severity="error", markup=False)
