"""Rehearsing a first sentence in the app: a modal over the dialogue (issue 17).

The dialogue screen pushes it after a step tagged `rehearse` is answered (the conflict
dialogue's opening sentence). The sentence is read and the scripted counterpart's
reaction shown (`assistant.services.rehearsal`, the analysis in a thread worker); each
line typed is another try; an empty line or Escape goes back to the dialogue, whose
answer stays the sentence written there.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.safe_text import neutralise
from ...i18n import t
from ..widgets.transcript import Transcript


class RehearsalHeard(Message):
    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text


class RehearsalScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    RehearsalScreen { align: center middle; }
    RehearsalScreen #rehearsal-box { width: 90%; height: 80%; border: round $primary;
                                     padding: 0 1; background: $surface; }
    RehearsalScreen #rehearsal-log { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", show=False, priority=True)]

    def __init__(self, sentence: str, lang: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.lang = lang
        self.run = None
        self.busy = True

    def compose(self) -> ComposeResult:
        from ...services.rehearsal import OFFER

        with Vertical(id="rehearsal-box"):
            yield Static(Text(t(OFFER, self.lang), style="bold"), id="rehearsal-offer")
            yield Transcript(id="rehearsal-log")
            yield Input(placeholder=t("Another version, or Enter to go on", self.lang),
                        id="rehearsal-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.hear(self.sentence)

    @work(thread=True, exclusive=True, group="rehearsal", exit_on_error=False)
    def hear(self, sentence: str) -> None:
        from ...services.rehearsal import COUNTERPART, HEARD, RehearsalRun

        if self.run is None:
            self.run = RehearsalRun(self.lang)
        heard = self.run.hear(sentence)
        text = Text()
        text.append(t(HEARD, self.lang) + ": ", style="bold")
        text.append(heard.reading_text)
        text.append("\n" + t(COUNTERPART, self.lang) + ": ", style="bold")
        text.append(f"\u201c{heard.say}\u201d")
        text.append("\n" + heard.coach, style="italic")
        self.post_message(RehearsalHeard(text))

    def on_rehearsal_heard(self, message: RehearsalHeard) -> None:
        self.query_one(Transcript).say(message.text, "assistant")
        self.busy = False

    @on(Input.Submitted, "#rehearsal-input")
    def submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        if self.busy:
            return
        event.input.value = ""
        self.busy = True
        self.query_one(Transcript).say(neutralise(text), "person", label=t("You", self.lang))
        self.hear(text)

    def action_close(self) -> None:
        self.dismiss(None)
