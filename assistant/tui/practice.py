"""`reflect practice` in a terminal: the app, opened straight on the practice screen.

The app is the usual `ReflectApp` with the usual services; only its first screen
differs. Textual calls `on_ready` of every class in the app's MRO, so the app's own
start-up (home screen, analysis warm-up) still happens, and the practice screen goes on
top of home: Escape from the scorecard leads back there. With `drill=True` it opens on
the drill screen instead (`reflect practice --drill`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .app import ReflectApp
from .screens.practice import PracticeScreen


class PracticeFirstApp(ReflectApp):
    # Textual reads CSS_PATH relative to the subclass's module: point at the app's own.
    CSS_PATH = str(Path(sys.modules[ReflectApp.__module__].__file__ or "").parent
                   / str(ReflectApp.CSS_PATH))
    practice_scenarios: Sequence[str] | None = None
    practice_drill = False

    def on_ready(self) -> None:
        if self.practice_drill:
            from .screens.drill import DrillScreen

            self.push_screen(DrillScreen())
            return
        self.push_screen(PracticeScreen(scenarios=self.practice_scenarios))


def run_practice_app(data_dir: str | None = None, lang: str = "en",
                     scenarios: Sequence[str] | None = None, drill: bool = False) -> int:
    from ..services.library import Library, analysis_facts
    from ..store import Store

    store = Store.open(data_dir)
    try:
        app = PracticeFirstApp(store, Library(), lang=lang, facts=analysis_facts())
        app.practice_scenarios = scenarios
        app.practice_drill = drill
        result = app.run()
        return result if isinstance(result, int) else 0
    finally:
        store.close()
