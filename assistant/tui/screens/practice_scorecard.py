"""The scorecard at the end of a practice run, with the way on: progress, again, home."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Label

from ...i18n import N_, t
from ..keys import Key
from ..widgets.practice_scorecard import PracticeScorecard
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...core.practice import Scorecard


class ScorecardScreen(ReflectScreen):
    DEFAULT_CSS = """
    ScorecardScreen #scorecard-title { text-style: bold; color: $text-accent; margin: 1 1 0 1; }
    ScorecardScreen #scorecard-body { height: 1fr; }
    """

    KEYS = [
        Key("p", "progress", N_("Progress"), priority=True),
        Key("r", "again", N_("Practise again"), priority=True),
        Key("escape", "app.home", N_("Home"), priority=True),
    ]

    def __init__(self, card: Scorecard, retried: int = 0) -> None:
        super().__init__()
        self.card = card
        self.retried = retried

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("Scorecard", self.lang), id="scorecard-title", markup=False)
        with VerticalScroll(id="scorecard-body"):
            yield PracticeScorecard(self.card, self.lang, self.retried, id="scorecard")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("Active-listening practice", self.lang)

    def action_progress(self) -> None:
        from .progress import ProgressScreen

        self.app.switch_screen(ProgressScreen())

    def action_again(self) -> None:
        from .practice import PracticeScreen

        self.app.switch_screen(PracticeScreen())
