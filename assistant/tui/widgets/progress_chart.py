"""One practice measure over the sessions as a small bar chart with its target band.

Drawn from `assistant.core.practice.chart`: one column per session, a bar as high as the
value, the band between the fair and the good threshold behind it, a faint bar where the
figure rests on few replies, and a gap mark where the session did not measure it (a
gap, never a drop to zero). Text only, added as `rich.text.Text`.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.practice import CELL_BAND, CELL_BAR, CELL_FAINT, CELL_GAP, Series, chart

HEIGHT = 5
_CELLS = {
    CELL_BAR: ("██", "bold"),
    CELL_FAINT: ("▒▒", "dim"),
    CELL_BAND: ("░░", "green"),
    CELL_GAP: ("··", "dim"),
}


def chart_text(s: Series, height: int = HEIGHT) -> Text:
    text = Text()
    for i, row in enumerate(chart(s, height)):
        if i:
            text.append("\n")
        for cell in row:
            glyph, style = _CELLS.get(cell, ("  ", ""))
            text.append(glyph + " ", style=style)
    return text


class ProgressChart(Static):
    """Empty until `show()`."""

    DEFAULT_CSS = """
    ProgressChart { height: auto; margin: 0 0 0 2; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.series: Series | None = None

    def show(self, s: Series) -> None:
        self.series = s
        self.update(chart_text(s))
