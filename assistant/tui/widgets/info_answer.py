"""An info step needs no answer: one focused Continue button (Enter or a click)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button

from .answer_input import AnswerInput


class InfoAnswer(AnswerInput, Vertical):
    def __init__(self, *, label: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label = label

    def compose(self) -> ComposeResult:
        yield Button(self.label, id="continue", compact=True, variant="primary")

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        self.query_one(Button).focus()

    def reset(self, *, label: str) -> bool:
        """Show another info step in this widget."""
        self.new_turn()
        if label != self.label:
            self.label = label
            self.query_one(Button).label = label
        self.on_mount()
        return True

    def submit(self) -> None:
        self.send_answer(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def answer_of(self, button: Button) -> object:
        return None

    def on_key(self, event: events.Key) -> None:
        self.early_key(event)
