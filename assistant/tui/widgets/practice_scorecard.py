"""A practice scorecard: counts per code and the three measures against their targets.

Shown as practice targets after MITI 4.2.1, never as a certified score (the first line
says so).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...core.practice import Scorecard
from ...i18n import t, tn
from ...services.practice import MEASURES, code_label, measure_line, modifier_name

LEVEL_STYLE = {"good": "bold green", "fair": "bold yellow", "below": "bold red", "none": "dim"}


class PracticeScorecard(Static):
    DEFAULT_CSS = """
    PracticeScorecard {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, card: Scorecard, lang: str, retried: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.card = card
        self.lang = lang
        self.retried = retried

    def on_mount(self) -> None:
        self.update(self.render_card())

    def render_card(self) -> Table:
        card, lang = self.card, self.lang
        outer = Table.grid(padding=(0, 0))
        outer.add_row(Text(t("Practice targets after MITI 4.2.1, not a certified score.",
                             lang), style="dim"))
        outer.add_row(Text(tn("{n} reply counted, {retried} taken back",
                              "{n} replies counted, {retried} taken back", card.total, lang,
                              retried=self.retried)))
        counts = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        counts.add_column()
        counts.add_column(justify="right")
        for code, n in card.counts.items():
            counts.add_row(Text(code_label(code, lang)), Text(str(n), style="bold" if n else "dim"))
        outer.add_row(Text(""))
        outer.add_row(counts)
        mods = [f"{modifier_name(m, lang)} {n}" for m, n in card.modifiers.items() if n]
        if mods:
            outer.add_row(Text(t("Also noticed", lang) + ": " + ", ".join(mods)))
        measures = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        for _ in range(3):
            measures.add_column(no_wrap=True)
        for key in MEASURES:
            m = measure_line(card, key, lang)
            measures.add_row(Text(m["name"], style="bold"),
                             Text(f"{m['value']}  ({m['detail']})"),
                             Text(m["level_text"], style=LEVEL_STYLE[m["level"]]))
            measures.add_row(Text(""), Text(m["target"], style="dim"), Text(""))
        outer.add_row(Text(""))
        outer.add_row(measures)
        return outer
