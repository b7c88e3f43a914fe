"""History: every session, filtered by dialogue and status, with full-text search.

Typing in the search box searches the stored answers (the store's FTS index) in a
worker; the newest request wins (`exclusive=True`). Enter opens the summary; an
unfinished session can be continued; deleting asks first, in a modal that returns a bool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select

from ...core.safe_text import neutralise
from ...i18n import N_, t, tn
from ..keys import Key
from ..messages import HistoryLoaded, HistoryRow
from ..when import when
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    pass

LIMIT = 500


class HistoryScreen(ReflectScreen):
    CSS_PATH = "history.tcss"  # read when first shown (app.tcss holds only home's)
    KEYS = [
        Key("enter", "open", N_("Summary"), show=True, display="⏎"),
        Key("r", "resume", N_("Continue")),
        Key("d,delete", "delete", N_("Delete")),
        Key("slash", "search", N_("Search"), display="/"),
        Key("escape", "close", N_("Close"), display="esc"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HistoryRow] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="history-filters"):
            yield Input(placeholder=t("Search your answers (/)", lang), id="history-search",
                        compact=True)
            yield Select([], prompt=t("All dialogues", lang), id="history-script",
                         compact=True)
            yield Select([(t("in progress", lang), "in_progress"),
                          (t("finished", lang), "finished")],
                         prompt=t("Any status", lang), id="history-status",
                         compact=True)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="history-count", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("History", self.lang)
        table = self.query_one(DataTable)
        lang = self.lang
        table.add_column(t("Updated", lang), key="when")
        table.add_column(t("Dialogue", lang), key="dialogue")
        table.add_column(t("Status", lang), key="status")
        table.add_column(t("Answers", lang), key="answers")
        table.add_column(t("Id", lang), key="id")
        table.add_column(t("Match", lang), key="match")
        table.focus()
        self.load_dialogues()
        self.reload()

    @work(thread=True, exclusive=True, group="history-dialogues", exit_on_error=False)
    def load_dialogues(self) -> None:
        """The dialogue filter's choices (the catalogue, or the library: off the UI
        thread). Without them the filter offers nothing but "all"."""
        try:
            options = [(e.title, e.id) for e in self.reflect.dialogue_entries(self.lang)]
        except Exception:  # noqa: BLE001 - a broken script: history works without it
            return
        self.app.call_from_thread(self.query_one("#history-script", Select).set_options,
                                  options)

    def on_screen_resume(self) -> None:
        self.reload()

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        script = self.query_one("#history-script", Select).value
        status = self.query_one("#history-status", Select).value
        query = self.query_one("#history-search", Input).value
        self.load(query.strip(), script if isinstance(script, str) else None,
                  status if isinstance(status, str) else None)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self, query: str, script: str | None, status: str | None) -> None:
        store = self.reflect.store
        rows: list[HistoryRow] = []
        if query:
            seen: set[str] = set()
            for info, _step, snippet in store.search(query, limit=LIMIT):
                if info.id in seen or (script and info.script != script) or (
                        status and info.status != status):
                    continue
                seen.add(info.id)
                rows.append(HistoryRow(info, snippet))
        else:
            rows = [HistoryRow(info) for info in
                    store.sessions(script=script, status=status, limit=LIMIT)]
        self.post_message(HistoryLoaded(rows, query))

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        self.rows = message.rows
        table = self.query_one(DataTable)
        table.clear()
        lang = self.lang
        for row in message.rows:
            info = row.session
            status = (t("finished", lang) if info.status == "finished"
                      else t("in progress", lang))
            table.add_row(when(info.updated), Text(info.title or info.script), status,
                          str(info.answered), info.id, _snippet(row.match), key=info.id)
        count = self.query_one("#history-count", Label)
        count.update(tn("{n} session · Enter opens the summary",
                        "{n} sessions · Enter opens the summary", len(message.rows), lang)
                     if message.rows
                     else t("No sessions match.", lang))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    # ------------------------------------------------------------------ actions

    def _selected(self) -> HistoryRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "resume", "delete"):
            if not isinstance(self.focused, DataTable):
                return False  # Enter and letters belong to the search box then
            row = self._selected()
            if row is None:
                return None
            if action == "resume":
                return row.session.status != "finished" or None
        return True

    def action_open(self) -> None:
        from .summary import SummaryScreen

        row = self._selected()
        if row is not None and self._is_dialogue(row, "summary"):
            self.app.push_screen(SummaryScreen(row.session.id))

    def action_resume(self) -> None:
        from .dialogue import DialogueScreen

        row = self._selected()
        if (row is not None and row.session.status != "finished"
                and self._is_dialogue(row, "resume")):
            self.app.push_screen(DialogueScreen(session_id=row.session.id))

    def _is_dialogue(self, row: HistoryRow, action: str) -> bool:
        """Pair and practice sessions have their own commands: say which, do not open."""
        info = row.session
        if info.mode == "pair":
            code = info.meta.get("pair", "")
            how = f"reflect pair {'continue' if action == 'resume' else 'show'} {code}"
            self.notify(t("This session has its own view: run  {command}",
                          self.lang, command=how), markup=False)
            return False
        if info.mode == "practice":
            how = "reflect practice" if action == "resume" else "reflect practice --progress"
            self.notify(t("This session has its own view: run  {command}",
                          self.lang, command=how), markup=False)
            return False
        return True

    def action_delete(self) -> None:
        from .confirm import ConfirmScreen

        row = self._selected()
        if row is None:
            return
        info = row.session
        question = tn("Delete the session {id} ({title}, {n} answer)? This cannot be undone.",
                      "Delete the session {id} ({title}, {n} answers)? This cannot be undone.",
                      info.answered, self.lang, id=info.id, title=info.title or info.script)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.reflect.store.delete_session(info.id)
                self.notify(t("Deleted session {id}.", self.lang, id=info.id))
                self.reload()

        self.app.push_screen(ConfirmScreen(question, yes=t("Yes, delete", self.lang),
                                           no=t("No, keep it", self.lang)), done)

    def action_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()


def _snippet(match: str) -> Text:
    """The search snippet with the matched words (between « and ») in bold."""
    from ...store import HIGHLIGHT_END, HIGHLIGHT_START

    out = Text()
    text = neutralise(match).replace("\n", " ")
    bold = False
    for part in text.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        out.append(part, style="bold reverse" if bold else "")
        bold = not bold
    return out
