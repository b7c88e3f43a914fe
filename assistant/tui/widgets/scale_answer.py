"""Rating scale: one button per number with its label; a digit key or a click answers,
←/→ move between the numbers and Enter picks the focused one.

A new rating starts with nothing chosen: the focus is on the row, not on a number, so
an Enter meant for the page before cannot answer it (it was recorded as "1"). Enter or
Ctrl+S with nothing chosen answers nothing; the screen says what to do
(`NothingChosen`). A rating answered before starts on that number."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from ..messages import NothingChosen
from .answer_input import NO_ANSWER, AnswerInput
from .hint_row import HintRow, show_hint


class ScaleRow(Horizontal, can_focus=True):
    """The numbers of a scale; focused itself while none of them is chosen."""


class ScaleAnswer(AnswerInput, Vertical):
    def __init__(self, low: int, high: int, labels: dict[int, str], *,
                 prefill: int | None = None, hint: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.low = low
        self.high = high
        self.labels = labels
        self.prefill = prefill
        self.hint = hint

    def compose(self) -> ComposeResult:
        with ScaleRow(id="answer-scale"):
            for n in range(self.low, self.high + 1):
                label = f"{n} {self.labels[n]}" if n in self.labels else str(n)
                yield Button(label, id=f"scale-{n}", compact=True, classes="scale-point")
        yield HintRow(self.hint)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        if self.prefill is not None and self.low <= self.prefill <= self.high:
            self.query_one(f"#scale-{self.prefill}", Button).focus()
        else:
            self.query_one(ScaleRow).focus()

    def reset(self, low: int, high: int, labels: dict[int, str], *,
              prefill: int | None = None, hint: str = "") -> bool:
        self.new_turn()
        """Show another rating turn in this widget; False if its numbers or labels
        differ (the caller then mounts a new one)."""
        if (low, high, labels) != (self.low, self.high, self.labels):
            return False
        self.prefill = prefill
        show_hint(self, hint)
        self.on_mount()
        return True

    def _focused_value(self) -> int | None:
        focused = self.screen.focused
        if isinstance(focused, Button) and focused.id and focused.id.startswith("scale-"):
            return int(focused.id.removeprefix("scale-"))
        return None

    def submit(self) -> None:
        value = self._focused_value()
        if value is not None:
            self.send_answer(value)
        else:
            self.post_message(NothingChosen(self.low, self.high))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        value = self.answer_of(event.button)
        if value is not NO_ANSWER:
            self.send_answer(value)

    def answer_of(self, button: Button) -> object:
        if button.id and button.id.startswith("scale-"):
            return int(button.id.removeprefix("scale-"))
        return NO_ANSWER

    def on_key(self, event: events.Key) -> None:
        if self.early_key(event):
            return
        if event.character and event.character.isdigit():
            n = int(event.character)
            if n == 0 and self.high >= 10:
                n = 10
            if self.low <= n <= self.high:
                event.stop()
                self.send_answer(n)
        elif event.key in ("left", "right"):
            current = self._focused_value()
            event.stop()
            if current is None:  # nothing chosen yet: → starts at the lowest, ← the highest
                target = self.low if event.key == "right" else self.high
            else:
                step = -1 if event.key == "left" else 1
                target = min(self.high, max(self.low, current + step))
            self.query_one(f"#scale-{target}", Button).focus()
        elif event.key == "enter" and self._focused_value() is None:
            event.stop()
            self.submit()
