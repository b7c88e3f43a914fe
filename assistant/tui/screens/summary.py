"""The summary screen: the session's Markdown summary, with export and copy.

Rendering runs in a worker (it reads the session back from the store and fills the
Jinja2 template). A save key asks where (`SaveScreen`: the folder of the last save, at
first `export_dir` or `Reflect` in the documents folder, see `assistant.exports`), then
a worker writes the file private (0600) and the full path is shown, so nothing is
written anywhere unexpected or silently.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Label, Markdown

from ...i18n import N_, error_text, t
from ..keys import Key
from ..messages import DialogueFailed, SummaryReady
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    pass


#: The save buttons, by format.
SAVE_LABELS = {"md": N_("Save .md"), "html": N_("Save .html"), "json": N_("Save .json")}

class SummaryScreen(ReflectScreen):
    CSS_PATH = "summary.tcss"  # read when first shown (app.tcss holds only home's)
    KEYS = [
        Key("m", "export('md')", N_("Save .md")),
        Key("w", "export('html')", N_("Save .html")),
        Key("j", "export('json')", N_("Save .json")),
        Key("c", "copy", N_("Copy")),
        Key("escape", "close", N_("Close"), display="esc"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.markdown = ""
        #: Where the save dialog opens (known once the summary is rendered).
        self.folder: Path | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Markdown(t("Writing the summary…", lang), id="summary")
        with Horizontal(id="summary-actions"):
            for fmt in ("md", "html", "json"):
                yield Button(t(SAVE_LABELS[fmt], lang), id=f"export-{fmt}", compact=True)
            yield Button(t("Copy", lang), id="copy", compact=True)
            yield Button(t("Close", lang), id="close", compact=True, variant="primary")
        yield Label("", id="summary-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("Summary", self.lang)
        self.query_one("#summary-body").focus()
        self.render_summary()

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def render_summary(self) -> None:
        from ...services.dialogue import Dialogue
        from ...services.exports import default_folder

        app = self.reflect
        try:
            self.folder = app.export_dir or default_folder()
            dialogue = Dialogue.resume(app.store, app.library, self.session_id, clock=app.clock)
            self.post_message(SummaryReady(dialogue.summary("md"), dialogue.stepper.script.title))
        except Exception as exc:  # noqa: BLE001 - shown on screen
            self.post_message(DialogueFailed(str(exc)))

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.markdown = message.markdown
        self.sub_title = t("Summary", self.lang) + f": {message.title}"
        self.query_one(Markdown).update(message.markdown)

    def on_dialogue_failed(self, message: DialogueFailed) -> None:
        self.query_one("#summary-status", Label).update(message.error)
        self.notify(message.error, severity="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("export-"):
            self.action_export(button.removeprefix("export-"))
        elif button == "copy":
            self.action_copy()
        elif button == "close":
            self.action_close()

    def action_export(self, fmt: str) -> None:
        from .save import SaveScreen

        if not self.markdown or self.folder is None:
            return  # nothing to save (yet, or the summary failed: its status says why)
        lang = self.lang

        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self.folder = self.reflect.export_dir = folder
                self.export(fmt, folder)

        self.app.push_screen(
            SaveScreen(t("Save the summary as .{fmt} in this folder:", lang, fmt=fmt), self.folder,
                       hint=t("Only you can read the file. A folder that does not exist yet is "
                              "created.", lang),
                       save=t("Save", lang), cancel=t("Cancel", lang)), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, fmt: str, folder: Path) -> None:
        from ...services.dialogue import Dialogue
        from ...services.exports import summary_name, write_private

        app = self.reflect
        try:
            dialogue = Dialogue.resume(app.store, app.library, self.session_id, clock=app.clock)
            name = summary_name(dialogue.info.script, dialogue.id, fmt)
            path = write_private(folder / name, dialogue.summary(fmt), create=True)
        except Exception as exc:  # noqa: BLE001 - said on screen (a UserError translated)
            self.app.call_from_thread(self._status, error_text(exc, self.lang), "error")
            return
        self.app.call_from_thread(self._status, t("Saved as {path} (only you can read it).",
                                                  self.lang, path=path))

    def _status(self, message: str, severity: str = "information") -> None:
        self.query_one("#summary-status", Label).update(message)
        self.notify(message, severity=severity)  # type: ignore[arg-type]

    def action_copy(self) -> None:
        if self.markdown:
            self.app.copy_to_clipboard(self.markdown)
            self._status(t("Copied the summary to the clipboard.", self.lang))

    def action_close(self) -> None:
        self.app.pop_screen()
