"""The practice screen: read the mentee, type a reply, see how it worked, go on.

Like the dialogue screen, it never calls the engine, the coder or the store on the UI
thread: each action (start, reply, retry, next, finish) runs in one exclusive thread
worker (`PracticeRun` stores the event before it returns) and posts `PracticeActed`;
input is ignored while a worker runs. Escape ends the run and shows the scorecard.
Typed `:retry`, `:next`, `:wrong [CODE]` (mark the last reply's code as wrong) and
`:quit` work as in plain mode, for people who know them.

`practice_commands(app)` gives the command-palette entries the app lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.message import Message
from textual.widgets import Footer, Header, Input, Static

from ...core.practice import CODES
from ...core.safe_text import neutralise
from ...i18n import N_, t, tn
from ..keys import Key
from ..widgets.practice_feedback import PracticeFeedback
from ..widgets.transcript import Transcript
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...core.practice import Coder, Feedback, Scorecard, Turn
    from ...services.practice import PracticeRun
    from ..app import ReflectApp


class PracticeActed(Message):
    """A worker stored what the mentor did; show what comes next."""

    def __init__(self, action: str, turn: Turn, feedback: Feedback | None = None,
                 run: PracticeRun | None = None, notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.action = action  # start | reply | retry | next
        self.turn = turn
        self.feedback = feedback
        self.run = run
        self.notices = tuple(notices)  # safety notices for what the mentor typed


class PracticeMarked(Message):
    """A worker stored the mentor's mark that a code is wrong (None: nothing to mark)."""

    def __init__(self, mark: dict[str, object] | None) -> None:
        super().__init__()
        self.mark = mark


class PracticeFinished(Message):
    def __init__(self, card: Scorecard, retried: int) -> None:
        super().__init__()
        self.card = card
        self.retried = retried


class PracticeFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class PracticeScreen(ReflectScreen):
    """One practice run over the bank of the app's language (or the named scenarios)."""
    CSS_PATH = "dialogue.tcss"  # read when first shown (app.tcss holds only home's)

    DEFAULT_CSS = """
    PracticeScreen #practice-head { height: auto; padding: 0 1; background: $boost; }
    PracticeScreen #practice-log { height: 1fr; padding: 0 1; }
    PracticeScreen #practice-reply { margin: 0 1; }
    """

    KEYS = [
        Key("ctrl+r", "retry", N_("Retry"), priority=True),
        Key("ctrl+n", "next", N_("Next scenario"), priority=True),
        Key("escape", "finish", N_("Scorecard"), priority=True),
    ]

    def __init__(self, *, scenarios: Sequence[str] | None = None,
                 coder: Coder | None = None) -> None:
        super().__init__()
        self.scenarios = list(scenarios) if scenarios else None
        self.coder = coder
        self.run: PracticeRun | None = None
        self.turn: Turn | None = None
        self.busy = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="practice-head", markup=False)
        yield Transcript(id="practice-log")
        yield PracticeFeedback(self.lang, id="practice-feedback")
        yield Input(placeholder=t("Your reply to the mentee, then Enter",
                                  self.lang), id="practice-reply")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("Active-listening practice", self.lang)
        self.sub_title = ""
        self.query_one("#practice-reply", Input).focus()
        self.start()

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="practice", exit_on_error=False)
    def start(self) -> None:
        from ...services.practice import PracticeRun

        try:
            run = PracticeRun.start(self.reflect.store, self.lang, scenarios=self.scenarios,
                                    coder=self.coder)
            self.post_message(PracticeActed("start", run.current(), run=run))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(PracticeFailed(str(exc)))

    @work(thread=True, exclusive=True, group="practice", exit_on_error=False)
    def act(self, action: str, text: str = "") -> None:
        run = self.run
        assert run is not None
        try:
            if action == "reply":
                feedback = run.reply(text)
                self.post_message(PracticeActed(action, feedback.turn, feedback,
                                                notices=run.safety_notices(text)))
            elif action == "retry":
                self.post_message(PracticeActed(action, run.retry()))
            elif action == "next":
                self.post_message(PracticeActed(action, run.next()))
            elif action == "wrong":
                self.post_message(PracticeMarked(run.mark_wrong(text or None)))
            elif action == "finish":
                card = run.finish()
                retried = sum(1 for r in run.practice.replies if r.superseded)
                self.post_message(PracticeFinished(card, retried))
        except Exception as exc:  # noqa: BLE001
            self.post_message(PracticeFailed(str(exc)))

    # ------------------------------------------------------------------ input

    @on(Input.Submitted, "#practice-reply")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.busy or not text or self.turn is None or self.turn.done:
            return
        command = text.lower()
        if command == ":wrong" or command.startswith(":wrong "):
            event.input.value = ""
            suggested = command.removeprefix(":wrong").strip()
            if suggested and suggested not in CODES:
                self.notify(t("There is no code {code}. Use one of: {codes}.",
                              self.lang, code=neutralise(suggested),
                              codes=", ".join(CODES)), severity="warning")
                return
            self.busy = True
            self.act("wrong", suggested)
            return
        if command in (":retry", ":next", ":quit"):
            event.input.value = ""
            {":retry": self.action_retry, ":next": self.action_next,
             ":quit": self.action_finish}[command]()
            return
        event.input.value = ""
        self.busy = True
        self.query_one(Transcript).say(neutralise(event.value), "person",
                                       label=t("You", self.lang))
        self.act("reply", event.value)

    def action_retry(self) -> None:
        if self.busy or self.turn is None or not self.turn.can_retry:
            if self.turn is not None and not self.busy:
                self.notify(t("There is no reply to take back here.", self.lang))
            return
        self.busy = True
        self.act("retry")

    def action_next(self) -> None:
        if self.busy or self.turn is None or self.turn.done:
            return
        self.busy = True
        self.act("next")

    def action_finish(self) -> None:
        if self.run is None:
            self.app.pop_screen()
            return
        if self.busy and self.turn is not None:
            return
        self.busy = True
        self.act("finish")

    # ------------------------------------------------------------------ results

    def on_practice_acted(self, message: PracticeActed) -> None:
        if message.run is not None:
            self.run = message.run
        self.turn = turn = message.turn
        log = self.query_one(Transcript)
        feedback_view = self.query_one(PracticeFeedback)
        if message.action == "reply" and message.feedback is not None:
            for notice in message.notices:
                log.say(notice, "notice", t("Please note", self.lang))
            feedback_view.show(message.feedback)
            log.say(message.feedback.turn.mentee, "assistant",
                    label=t("Mentee", self.lang))
            if message.feedback.ended_now:
                log.say(t("The mentee has said what was on their mind. Type :next for the next "
                          "scenario.", self.lang), "system")
            elif turn.suggest_next:
                log.say(tn("{n} reply in this scenario so far; :next moves on whenever you are "
                           "ready.", "{n} replies in this scenario so far; :next moves on "
                           "whenever you are ready.", turn.kept, self.lang), "system")
        elif message.action == "retry":
            feedback_view.clear()
            log.say(t("Taken back. Answer the mentee again:", self.lang), "system")
            log.say(turn.mentee, "assistant", label=t("Mentee", self.lang))
        elif message.action in ("start", "next"):
            feedback_view.clear()
            if turn.done:
                log.say(t("That was the last scenario.", self.lang), "system")
                self.busy = False
                self.action_finish()
                return
            self.show_scenario(turn)
        self.busy = False

    def on_practice_marked(self, message: PracticeMarked) -> None:
        self.busy = False
        if message.mark is None:
            self.notify(t("There is no coded reply to mark yet.", self.lang))
        else:
            self.notify(t("Noted: you think \"{code}\" is the wrong code. The mark is stored on "
                          "this machine; reflect practice --export-disagreements writes it out "
                          "for the team.", self.lang,
                          code=_code_label(message.mark["code"], self.lang)))

    def show_scenario(self, turn: Turn) -> None:
        s = turn.scenario
        assert s is not None
        head = Text()
        head.append(t("Scenario {n} of {total} · {topic}",
                      self.lang, n=turn.index + 1, total=turn.total,
                      topic=s.topic), style="bold")
        head.append(f"\n{s.persona}. {s.context}", style="italic")
        self.query_one("#practice-head", Static).update(head)
        log = self.query_one(Transcript)
        log.remove_children()
        log.say(turn.mentee, "assistant", label=t("Mentee", self.lang))

    def on_practice_finished(self, message: PracticeFinished) -> None:
        from .practice_scorecard import ScorecardScreen

        self.app.switch_screen(ScorecardScreen(message.card, message.retried))

    def on_practice_failed(self, message: PracticeFailed) -> None:
        self.busy = False
        self.query_one(Transcript).say(message.error, "error")


def practice_commands(app: ReflectApp) -> Iterable[SystemCommand]:
    """Command-palette entries: start a practice run, see the progress."""
    lang = app.lang

    def start() -> None:
        app.push_screen(PracticeScreen())

    def progress() -> None:
        from .progress import ProgressScreen

        app.push_screen(ProgressScreen())

    yield SystemCommand(t("Practise active listening", lang),
                        t("Answer scripted mentees and get feedback on every reply", lang), start)
    yield SystemCommand(t("Practice progress", lang), t("Your listening measures over all "
                                                            "practice sessions",
                                                            lang),
                        progress)


def _code_label(code: str, lang: str) -> str:
    from ...services.practice import code_label

    return code_label(code, lang)
