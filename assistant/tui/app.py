"""The Reflect app: one factory for the CLI and the tests, services injected.

`make_app(store, library, ...)` builds a `ReflectApp` without touching the disk;
`run_app(...)` is what `reflect` calls: it opens the store in the data home, builds the
app and runs it. The nltk analysis (the facts provider) is imported lazily by its first
call; the app makes that call in a worker once the home screen is up, so start-up never
waits for it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from .keys import Key, install
from .strings import LANG_NAMES, LANGS, t

if TYPE_CHECKING:
    from ..core.stepper import FactsProvider
    from ..library import Library
    from ..store import Store


#: Seconds after the first frame to warm the analysis if no screen asked for it sooner.
PRELOAD_FALLBACK_S = 2.0


class ReflectApp(App[int]):
    """Home, dialogue, summary and history screens over one store and one library."""

    CSS_PATH = "app.tcss"
    TITLE = "Reflect"
    KEYS = [
        Key("question_mark,f1", "keys", "key.keys"),
        Key("ctrl+t", "toggle_theme", "key.theme", show=False),
        Key("ctrl+q", "quit", "key.quit", show=False, priority=True),
    ]

    def __init__(self, store: Store, library: Library, *, lang: str = "en",
                 facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
                 export_dir: Path | None = None, start: str | None = None,
                 resume: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.lang = lang if lang in LANGS else "en"
        self.facts = facts
        self.clock = clock
        self.export_dir = export_dir
        self._start = start
        self._resume = resume
        self._preloaded = False
        self._warming = False
        self.theme = "textual-dark"
        install(self, self.KEYS, self.lang)

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self._resume:
            from .screens.dialogue import DialogueScreen

            self.push_screen(DialogueScreen(session_id=self._resume))
        elif self._start:
            from .screens.dialogue import DialogueScreen

            self.push_screen(DialogueScreen(script_id=self._start))

    def on_ready(self) -> None:
        # The first frame is on screen. The analysis (it imports nltk, ≈ 300 ms of
        # imports) is warmed off the UI thread once the first screen has settled: the
        # home screen asks for it when its lists are shown, a dialogue when it opens.
        # This timer is only the fallback for a first screen that asks for nothing.
        self.set_timer(PRELOAD_FALLBACK_S, self.warm_up)

    def warm_up(self) -> None:
        """Warm the analysis in a worker, once; the UI thread never waits for it."""
        if self._warming:
            return
        self._warming = True
        self.preload_analysis()

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False)
    def preload_analysis(self) -> None:
        if self._preloaded:
            return
        if self.facts is not None:
            self.facts("I would like to finish the report by Friday.", self.lang,
                       {"step": "", "kind": "text", "tags": [], "previous": ""})
        _freeze_heap()
        self._preloaded = True

    # ------------------------------------------------------------------ language

    def set_lang(self, lang: str) -> None:
        """Switch the app's own words (and new dialogues) to `lang`."""
        if lang not in LANGS or lang == self.lang:
            return
        self.lang = lang
        install(self, self.KEYS, lang)
        from .screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())
        self.refresh_bindings()

    # ------------------------------------------------------------------ actions

    def action_keys(self) -> None:
        from .screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_home(self) -> None:
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_start(self, script_id: str) -> None:
        from .screens.dialogue import DialogueScreen

        self.push_screen(DialogueScreen(script_id=script_id))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        for script_id in self.library.script_ids():
            try:
                title = self.library.script(script_id, lang).title
            except Exception:  # noqa: BLE001 - a broken script is reported by validate
                continue
            yield SystemCommand(t("cmd.start", lang, title=title),
                                t("cmd.start_help", lang, title=title),
                                lambda sid=script_id: self.action_start(sid))
        from .screens.practice import practice_commands

        yield from practice_commands(self)
        yield SystemCommand(t("cmd.history", lang), t("cmd.history_help", lang),
                            self.action_history)
        yield SystemCommand(t("cmd.home", lang), t("cmd.home_help", lang), self.action_home)
        yield SystemCommand(t("cmd.keys", lang), t("cmd.keys_help", lang), self.action_keys)
        yield SystemCommand(t("cmd.theme", lang), t("cmd.theme_help", lang),
                            self.action_toggle_theme)
        for code in LANGS:
            if code != lang:
                name = LANG_NAMES[code]
                yield SystemCommand(t("cmd.language", lang, name=name),
                                    t("cmd.language_help", lang, name=name),
                                    lambda c=code: self.set_lang(c))
        yield from super().get_system_commands(screen)


def _freeze_heap() -> None:
    """Move what start-up built (Textual, the library, nltk's modules) out of the
    garbage collector's sight. It lives as long as the process anyway, and otherwise
    every full collection walks all of it: 50-100 ms on the UI thread, in the middle of
    a turn. Collected once first, so no garbage is kept. A turn allocates enough for
    15-30 young collections at the default threshold (700); 20,000 makes that 1-2."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def make_app(store: Store, library: Library, *, lang: str = "en",
             facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
             export_dir: Path | None = None, start: str | None = None,
             resume: str | None = None) -> ReflectApp:
    """Build the app from its services. The CLI and every test come through here."""
    return ReflectApp(store, library, lang=lang, facts=facts, clock=clock,
                      export_dir=export_dir, start=start, resume=resume)


def run_app(data_dir: str | None = None, lang: str = "en", start: str | None = None,
            resume: str | None = None) -> int:
    """`reflect` (and `reflect run ID` / `reflect resume` in a terminal): run the TUI."""
    from ..library import Library, analysis_facts
    from ..store import Store

    store = Store.open(data_dir)
    try:
        library = Library()
        if start:
            library.script_file(start)  # an unknown id fails here, with a suggestion
        if resume:
            resume = store.session(resume).id
        app = make_app(store, library, lang=lang, facts=analysis_facts(), start=start,
                       resume=resume, export_dir=Path.cwd())
        result = app.run()
        return result if isinstance(result, int) else 0
    finally:
        store.close()
