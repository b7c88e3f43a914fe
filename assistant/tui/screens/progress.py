"""Practice progress: each measure as a bar chart over the stored sessions, and a table.

The sessions are read and folded into scorecards in a worker
(`assistant.services.practice.progress`), so the screen is up at once. One column per
practice session with at least one kept reply, oldest first; the target band is drawn, a
session that did not measure a figure leaves a gap, and each measure's figure and trend
count every session by its replies. With fewer than two sessions or ten replies the
screen says so instead of drawing bars.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static

from ...core.practice import FEW_REPLIES, format_ratio
from ...i18n import N_, t
from ...services.practice import MEASURE_NAMES
from ..keys import Key
from ..widgets.progress_chart import ProgressChart
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...services.practice import ProgressPoint

MEASURES = ("rq_ratio", "open_share", "complex_share")
#: The sessions table: column key, heading.
COLUMNS = (("date", N_("Date")), ("replies", N_("Replies")), ("rq", N_("R:Q")),
           ("open", N_("Open Q")), ("complex", N_("Complex R")))


class ProgressLoaded(Message):
    def __init__(self, points: list[ProgressPoint]) -> None:
        super().__init__()
        self.points = points


class ProgressScreen(ReflectScreen):
    DEFAULT_CSS = """
    ProgressScreen #progress-body { height: 1fr; padding: 0 1; }
    ProgressScreen .measure { text-style: bold; margin: 1 0 0 0; }
    ProgressScreen #progress-legend { margin: 1 0 0 0; }
    ProgressScreen #progress-sessions { height: auto; max-height: 12; margin: 1 0 0 0; }
    """

    KEYS = [
        Key("r", "again", N_("Practise again"), priority=True),
        Key("escape", "app.home", N_("Home"), priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.points: list[ProgressPoint] | None = None

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="progress-body"):
            yield Static(Text(t("Practice targets after MITI 4.2.1, not a certified score.",
                                lang), style="dim"), id="progress-note")
            for key in MEASURES:
                yield Label(t(MEASURE_NAMES[key], lang), classes="measure",
                            id=f"label-{key}", markup=False)
                yield ProgressChart(id=f"chart-{key}")
            yield Static(Text(t("One column per session; overall figures count each session "
                                "by its replies. ░ target band (fair to good) · ▒ rests on "
                                "fewer than {few} replies · ·· not measured in that session",
                                lang, few=FEW_REPLIES), style="dim"), id="progress-legend")
            yield DataTable(id="progress-sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("Practice progress", self.lang)
        self.load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load(self) -> None:
        from ...services.practice import progress

        self.post_message(ProgressLoaded(progress(self.reflect.store)))

    def on_progress_loaded(self, message: ProgressLoaded) -> None:
        from ...services.practice import progress_lines

        lang = self.lang
        self.points = points = message.points
        lines = progress_lines(points, lang)
        note = self.query_one("#progress-note", Static)
        if not points:
            note.update(t("No practice yet. Start with: reflect practice", lang))
        elif not lines["enough"]:
            note.update(lines["too_few"])
        self.query_one("#progress-legend").display = lines["enough"]
        for m in lines["measures"]:
            key = m["key"]
            chart = self.query_one(f"#chart-{key}", ProgressChart)
            chart.display = lines["enough"]
            label = Text(m["name"], style="bold")
            self.query_one(f"#label-{key}", Label).display = lines["enough"]
            if lines["enough"]:
                chart.show(m["series"])
                label.append("  " + t("{value} overall ({level}) · target {target} · {trend}",
                                      lang, value=m["overall"], level=m["level"],
                                      target=m["target"], trend=m["trend_text"]),
                             style="not bold")
            self.query_one(f"#label-{key}", Label).update(label)
        table = self.query_one(DataTable)
        # Columns and rows in one go, so each column is measured once with its rows (a
        # heading added before the rows was drawn at its own width in some frames).
        table.clear(columns=True)
        for key, label in COLUMNS:
            table.add_column(t(label, lang), key=key)
        for p in points:
            table.add_row(p.date, str(p.card.total),
                          *(format_ratio(p.card.measure(k)) for k in MEASURES), key=p.session)

    def action_again(self) -> None:
        from .practice import PracticeScreen

        self.app.switch_screen(PracticeScreen())
