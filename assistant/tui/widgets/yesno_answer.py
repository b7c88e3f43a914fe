"""Yes or no: two buttons; y (or j for ja) and n answer from the keyboard."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from .answer_input import NO_ANSWER, AnswerInput
from .hint_row import HintRow, show_hint


class YesNoAnswer(AnswerInput, Vertical):
    def __init__(self, *, yes: str, no: str, prefill: bool | None = None, hint: str = "",
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.yes = yes
        self.no = no
        self.prefill = prefill
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(id="answer-yesno"):
            yield Button(self.yes, id="yes", compact=True, classes="choice-button")
            yield Button(self.no, id="no", compact=True, classes="choice-button")
        yield HintRow(self.hint)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        self.query_one("#no" if self.prefill is False else "#yes", Button).focus()

    def reset(self, *, yes: str, no: str, prefill: bool | None = None, hint: str = "") -> bool:
        """Show another yes/no turn in this widget; False if the words differ."""
        self.new_turn()
        if (yes, no) != (self.yes, self.no):
            return False
        self.prefill = prefill
        show_hint(self, hint)
        self.on_mount()
        return True

    def submit(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, Button) and focused.id in ("yes", "no"):
            self.send_answer(focused.id == "yes")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.send_answer(self.answer_of(event.button))

    def answer_of(self, button: Button) -> object:
        return button.id == "yes" if button.id in ("yes", "no") else NO_ANSWER

    def on_key(self, event: events.Key) -> None:
        if self.early_key(event):
            return
        key = (event.character or "").lower()
        if key in ("y", "j"):
            event.stop()
            self.send_answer(True)
        elif key == "n":
            event.stop()
            self.send_answer(False)
        elif event.key in ("left", "right"):
            event.stop()
            self.query_one("#no" if event.key == "right" else "#yes", Button).focus()
