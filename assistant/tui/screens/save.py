"""Where to save an export: a modal that returns the folder the person chose, or None.

It opens with the folder of the last save in this session, else the default (`Reflect`
in the documents folder, `assistant.exports`), so saving is a key and Enter; the folder
can be edited before saving, and Esc saves nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class SaveScreen(ModalScreen[Path | None]):
    CSS_PATH = "modals.tcss"  # read when first shown (app.tcss holds only home's)
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, folder: Path, *, hint: str, save: str,
                 cancel: str) -> None:
        super().__init__()
        self.question = question
        self.folder = folder
        self.hint = hint
        self.save = save
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="save"):
            yield Label(self.question, id="save-question", markup=False)
            yield Input(str(self.folder), id="save-folder", compact=True)
            yield Label(self.hint, id="save-hint", markup=False)
            with Horizontal(id="save-buttons"):
                yield Button(self.cancel, id="save-cancel", compact=True)
                yield Button(self.save, id="save-ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def chosen(self) -> Path | None:
        value = self.query_one(Input).value.strip()
        return Path(value).expanduser() if value else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.chosen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.chosen() if event.button.id == "save-ok" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
