"""Multiple choice: a selection list (Space ticks), sent with Ctrl+S or the Send button.

The answer sent is the ticked options' positions (1, 2, ...), never their values as
text, which a value made of digits would turn into other options."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, SelectionList

from ...core.model import Option as ScriptOption
from ..messages import Answered
from .answer_input import AnswerInput
from .hint_row import HintRow, show_hint


class MultiAnswer(AnswerInput, Vertical):
    def __init__(self, options: tuple[ScriptOption, ...], *, prefill: list[str] | None = None,
                 hint: str = "", send_label: str = "Send", **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.prefill = set(prefill or [])
        self.hint = hint
        self.send_label = send_label

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *[(Text(opt.label), opt.value, opt.value in self.prefill) for opt in self.options],
            id="answer-multi", compact=True)
        yield HintRow(self.hint, self.send_label)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        self.query_one(SelectionList).focus()

    def reset(self, options: tuple[ScriptOption, ...], *, prefill: list[str] | None = None,
              hint: str = "", send_label: str = "Send") -> bool:
        """Show another multiple-choice turn; False if the options differ."""
        if options != self.options or send_label != self.send_label:
            return False
        self.prefill = set(prefill or [])
        selection = self.query_one(SelectionList)
        selection.deselect_all()
        for value in self.prefill:
            selection.select(value)
        selection.highlighted = 0 if options else None
        show_hint(self, hint)
        selection.focus()
        return True

    def submit(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        # Keep the script's order, not the order of ticking.
        self.post_message(Answered([i for i, o in enumerate(self.options, 1)
                                    if o.value in chosen]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()
