"""What every answer input does when the screen asks for its value (`InputRequested`).

The request reaches the input through the focused widget's message queue, after the
keys sent before it, so `submit` and `unsent` see everything the person typed."""

from __future__ import annotations

from ..messages import InputRequested, Unsent


class AnswerInput:
    """Mixin for the answer widgets; each defines `submit()` and may define `unsent()`."""

    def submit(self) -> None:  # pragma: no cover - every input defines it
        raise NotImplementedError

    def unsent(self) -> tuple[str | None, bool]:
        """The typed text not sent yet and whether it changed since the turn was shown."""
        return None, False

    def on_input_requested(self, message: InputRequested) -> None:
        message.stop()
        if message.purpose == "send":
            self.submit()
        else:
            text, changed = self.unsent()
            self.post_message(Unsent(message.purpose, text, changed))  # type: ignore[attr-defined]
