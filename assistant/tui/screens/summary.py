"""The summary screen: the session's Markdown summary, with export and copy.

Rendering runs in a worker (it reads the session back from the store and fills the
Jinja2 template). Exports are written beside the other files the person chose to keep
(`export_dir`, the folder `reflect` was started in), private (0600), and the path is
shown, so nothing is written anywhere unexpected or silently.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Label, Markdown

from ..keys import Key
from ..messages import DialogueFailed, SummaryReady
from ..strings import t
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    pass


class SummaryScreen(ReflectScreen):
    KEYS = [
        Key("m", "export('md')", "key.export_md"),
        Key("w", "export('html')", "key.export_html"),
        Key("j", "export('json')", "key.export_json"),
        Key("c", "copy", "key.copy"),
        Key("escape", "close", "key.close", display="esc"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.markdown = ""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Markdown(t("summary.loading", lang), id="summary")
        with Horizontal(id="summary-actions"):
            for fmt in ("md", "html", "json"):
                yield Button(t(f"key.export_{fmt}", lang), id=f"export-{fmt}", compact=True)
            yield Button(t("key.copy", lang), id="copy", compact=True)
            yield Button(t("key.close", lang), id="close", compact=True, variant="primary")
        yield Label("", id="summary-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("summary.title", self.lang)
        self.query_one("#summary-body").focus()
        self.render_summary()

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def render_summary(self) -> None:
        from ...dialogue import Dialogue

        app = self.reflect
        try:
            dialogue = Dialogue.resume(app.store, app.library, self.session_id, clock=app.clock)
            self.post_message(SummaryReady(dialogue.summary("md"), dialogue.stepper.script.title))
        except Exception as exc:  # noqa: BLE001 - shown on screen
            self.post_message(DialogueFailed(str(exc)))

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.markdown = message.markdown
        self.sub_title = f"{t('summary.title', self.lang)}: {message.title}"
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
        self.export(fmt)

    @work(thread=True, group="export", exit_on_error=False)
    def export(self, fmt: str) -> None:
        from ...dialogue import Dialogue

        app = self.reflect
        folder = app.export_dir or Path.cwd()
        dialogue = Dialogue.resume(app.store, app.library, self.session_id, clock=app.clock)
        path = folder / f"reflect-{dialogue.info.script}-{dialogue.id}.{fmt}"
        try:
            text = dialogue.summary(fmt)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            message = t("summary.write_failed", self.lang, path=path, error=exc.strerror)
            self.app.call_from_thread(self._status, message, "error")
            return
        self.app.call_from_thread(self._status, t("summary.written", self.lang, path=path))

    def _status(self, message: str, severity: str = "information") -> None:
        self.query_one("#summary-status", Label).update(message)
        self.notify(message, severity=severity)  # type: ignore[arg-type]

    def action_copy(self) -> None:
        if self.markdown:
            self.app.copy_to_clipboard(self.markdown)
            self._status(t("summary.copied", self.lang))

    def action_close(self) -> None:
        self.app.pop_screen()
