"""What every answer input does when the screen asks for its value (`InputRequested`).

The request reaches the input through the focused widget's message queue, after the
keys sent before it, so `submit` and `unsent` see everything the person typed.

A fast typist does not wait for the next question: Enter on a choice (or `y`, a digit)
and straight on with the next answer arrive in one burst, all in this input's queue.
So an input answers once per turn (`send_answer`); the printable keys that reach it after
that (`keep_typed`) are the start of the next answer, not a second answer to this one,
and the screen moves them into the next text field (`ahead_parts`); a Ctrl+S among
them sends that text as the next answer, as it would have once the field was there."""

from __future__ import annotations

from textual import events
from textual.widgets import Button

from ..messages import Answered, InputRequested, Unsent


class AnswerInput:
    """Mixin for the answer widgets; each defines `submit()` and may define `unsent()`."""

    _answer_sent = False
    _parts: list[str] | None = None  # typed after the answer; Ctrl+S starts a new part

    def submit(self) -> None:  # pragma: no cover - every input defines it
        raise NotImplementedError

    def new_turn(self) -> None:
        """This input shows a new turn: it may answer again, nothing is typed ahead."""
        self._answer_sent = False
        self._parts = None

    def send_answer(self, value: object) -> None:
        """Answer the turn shown, once; what follows waits for the next turn."""
        if self._answer_sent:
            return
        self._answer_sent = True
        self.post_message(Answered(value))  # type: ignore[attr-defined]

    def early_key(self, event: events.Key) -> bool:
        """Handle a key before the input's own keys; True if it was handled here.

        Enter answers here, not through the focused option's or button's binding:
        bindings run when the key has bubbled up to the app, after this input has seen
        the keys typed behind it. After the answer, a printable key is text for the
        next question, and another Enter does nothing."""
        if self._answer_sent:
            if event.key == "ctrl+s":  # here, not by the screen's binding: see above
                event.stop()
                event.prevent_default()
                self._parts = [*(self._parts or [""]), ""]
                return True
            if event.key == "enter":
                event.stop()
                event.prevent_default()
                return True
            if event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                if self._parts is None:
                    self._parts = [""]
                self._parts[-1] += event.character
                return True
            return False
        if event.key == "enter":
            focused = self.screen.focused  # type: ignore[attr-defined]
            value = self.answer_of(focused) if isinstance(focused, Button) else NO_ANSWER
            if value is NO_ANSWER:
                value = self.enter_answer()
            if value is not NO_ANSWER:
                event.stop()
                event.prevent_default()
                self.send_answer(value)
                return True
        return False

    def enter_answer(self) -> object:
        """The answer Enter gives when no answer button has the focus."""
        return NO_ANSWER

    def ahead_parts(self) -> list[str]:
        """What was typed after this input answered, while the next turn was on its way:
        every part but the last was sent with Ctrl+S."""
        return list(self._parts or [])

    def answer_of(self, button: Button) -> object:
        """The answer a press of `button` (one of this input's) gives; `NO_ANSWER` for a
        button that answers nothing."""
        return NO_ANSWER

    def unsent(self) -> tuple[str | None, bool]:
        """The typed text not sent yet and whether it changed since the turn was shown."""
        return None, False

    def on_input_requested(self, message: InputRequested) -> None:
        message.stop()
        if message.purpose == "send" and self._answer_sent:  # a send of text typed ahead
            self._parts = [*(self._parts or [""]), ""]
        elif message.purpose == "send":
            self.submit()
        else:
            text, changed = self.unsent()
            self.post_message(Unsent(message.purpose, text, changed))  # type: ignore[attr-defined]


#: What `AnswerInput.answer_of` says of a button that is not an answer.
NO_ANSWER = object()
