"""The line under an input: what the keys do, and a visible button that does the same."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label


class HintRow(Horizontal):
    """A hint on the left, an optional compact button on the right."""

    def __init__(self, hint: str, button: str = "", button_id: str = "send", **kwargs) -> None:
        super().__init__(**kwargs)
        self.hint = hint
        self.button = button
        self.button_id = button_id

    def compose(self) -> ComposeResult:
        yield Label(self.hint, classes="hint", markup=False)
        if self.button:
            yield Button(self.button, id=self.button_id, compact=True, variant="primary")

    def set_hint(self, hint: str) -> None:
        self.hint = hint
        self.query_one(Label).update(hint)

    def set_button(self, label: str) -> None:
        self.button = label
        for button in self.query(Button):
            button.label = label


def show_hint(owner, hint: str) -> None:  # type: ignore[no-untyped-def]
    """Give the input widget `owner` (which keeps its `hint` and one HintRow) a new
    hint when a turn reuses it; nothing when the hint is the same (an update is a
    layout)."""
    if hint != owner.hint:
        owner.hint = hint
        owner.query_one(HintRow).set_hint(hint)
