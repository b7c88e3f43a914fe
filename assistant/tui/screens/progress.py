"""Practice progress: each measure as a sparkline over the stored sessions, and a table.

The sessions are read and folded into scorecards in a worker (`assistant.practice.progress`),
so the screen is up at once. One point per practice session with at least one kept reply,
oldest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static

from ...core.practice import format_ratio, format_target
from ...i18n import N_, t, tn
from ...services.practice import LEVEL_NAMES, MEASURE_NAMES
from ..keys import Key
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...services.practice import ProgressPoint

MEASURES = ("rq_ratio", "open_share", "complex_share")
#: The sessions table: column key, heading.
COLUMNS = (("date", N_("Date")), ("replies", N_("Replies")), ("rq", N_("R:Q")),
           ("open", N_("Open Q")), ("complex", N_("Complex R")))


def point_value(point: ProgressPoint, key: str) -> float:
    """A number to chart: no questions but some reflections charts as the good target."""
    m = point.card.measure(key)
    if m.value is not None:
        return m.value
    return m.good if m.level == "good" else 0.0


class ProgressLoaded(Message):
    def __init__(self, points: list[ProgressPoint]) -> None:
        super().__init__()
        self.points = points


class ProgressScreen(ReflectScreen):
    DEFAULT_CSS = """
    ProgressScreen #progress-body { height: 1fr; padding: 0 1; }
    ProgressScreen .measure { text-style: bold; margin: 1 0 0 0; }
    ProgressScreen Sparkline { height: 2; margin: 0 0; }
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
                yield Sparkline([], id=f"spark-{key}")
            yield DataTable(id="progress-sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("Practice progress", self.lang)
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(t(label, self.lang), key=key)
        self.load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load(self) -> None:
        from ...services.practice import progress

        self.post_message(ProgressLoaded(progress(self.reflect.store)))

    def on_progress_loaded(self, message: ProgressLoaded) -> None:
        lang = self.lang
        self.points = points = message.points
        if not points:
            self.query_one("#progress-note", Static).update(t("No practice yet. Start with: "
                                                              "reflect practice",
                                                              lang))
        for key in MEASURES:
            self.query_one(f"#spark-{key}", Sparkline).data = [point_value(p, key)
                                                               for p in points]
            label = Text(t(MEASURE_NAMES[key], lang), style="bold")
            if points:
                m = points[-1].card.measure(key)
                label.append("  " + tn("{n} session · latest {value} ({level}) · {target}",
                                       "{n} sessions · latest {value} ({level}) · {target}",
                                       len(points), lang, value=format_ratio(m),
                                       level=t(LEVEL_NAMES[m.level], lang),
                                       target=format_target(m)), style="not bold")
            self.query_one(f"#label-{key}", Label).update(label)
        table = self.query_one(DataTable)
        table.clear()
        for p in points:
            table.add_row(p.date, str(p.card.total),
                          *(format_ratio(p.card.measure(k)) for k in MEASURES), key=p.session)

    def action_again(self) -> None:
        from .practice import PracticeScreen

        self.app.switch_screen(PracticeScreen())
