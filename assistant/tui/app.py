"""The Reflect app: one factory for the CLI and the tests, services injected.

`make_app(store, library, ...)` builds a `ReflectApp` without touching the disk;
`run_app(...)` is what `reflect` calls. For the home screen it does not open the store
and the library first: `make_app(None, None, services=...)` opens them just after the
first frame, and `app.store` / `app.library` wait for them (they are used from workers,
which is where the home screen's lists are filled). So the home screen is on screen
before Jinja2, PyYAML, the library and SQLite are imported. The nltk analysis (the facts
provider) is imported lazily by its first call; the app makes that call in a worker once
the home screen is up, so start-up never waits for it.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from .keys import Key, install
from .messages import HomeLoaded
from .strings import LANG_NAMES, LANGS, t

if TYPE_CHECKING:
    from ..core.stepper import FactsProvider
    from ..library import Library
    from ..store import Store

    #: Opens the store and builds the library and the facts provider.
    Services = Callable[[], tuple[Store, Library, FactsProvider]]


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

    def __init__(self, store: Store | None, library: Library | None, *, lang: str = "en",
                 facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
                 export_dir: Path | None = None, start: str | None = None,
                 resume: str | None = None, services: Services | None = None) -> None:
        super().__init__()
        self._store = store
        self._library = library
        self._services_ready = threading.Event()
        #: What opening the services raised (`run_app` raises it again after the app).
        self.services_error: BaseException | None = None
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
        self._services_to_open = services
        if services is None:
            if store is None or library is None:
                raise ValueError("make_app needs a store and a library, or services")
            self._services_ready.set()

    # ------------------------------------------------------------------ services

    def _open_services(self) -> None:
        """Open the store and build the library (and the facts provider), once.

        Runs in a worker thread just after the first frame: it is blocking work (disk,
        imports, YAML), and the UI thread never does that. (On the UI thread the
        start-up ratio measured a little better, 1.8x against 2.0x, because the work
        competes with Textual for the GIL, but the screen would not answer meanwhile.)"""
        services, self._services_to_open = self._services_to_open, None
        if services is None:
            return
        try:
            self._store, self._library, facts = services()
            if self.facts is None:
                self.facts = facts
        except Exception as exc:  # noqa: BLE001 - reported by run_app after the app
            self.services_error = exc
        finally:
            self._services_ready.set()
        if self.services_error is not None:
            self.call_from_thread(self.exit, 1)

    @work(thread=True, exclusive=True, group="services", exit_on_error=False)
    def _open_services_and_fill(self, home: Screen | None) -> None:
        self._open_services()
        if home is not None and self.services_error is None:
            from .screens.home import HomeScreen

            assert isinstance(home, HomeScreen)
            home.post_message(HomeLoaded(home.gather()))

    def _services(self) -> None:
        """Wait (in a worker) until the store and the library are open."""
        while not self._services_ready.wait(0.05):
            if self._exit:  # leaving before they were opened: nothing to wait for
                raise RuntimeError("Reflect is closing")
        if self.services_error is not None:
            raise RuntimeError(f"cannot open Reflect's data: {self.services_error}")

    @property
    def services_ready(self) -> bool:
        """Whether the store and the library are open (or failed to open)."""
        return self._services_ready.is_set()

    @property
    def store(self) -> Store:
        """The store; waits for it while it is being opened (call it from workers)."""
        self._services()
        assert self._store is not None
        return self._store

    @property
    def library(self) -> Library:
        """The library; waits for it while it is being built (call it from workers)."""
        self._services()
        assert self._library is not None
        return self._library

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
        # The first frame (the home screen, its lists still empty) is on screen: now
        # open the store and build the library, and fill the home screen's lists.
        if self._services_to_open is not None:
            from .screens.home import HomeScreen

            home = self.screen if isinstance(self.screen, HomeScreen) else None
            self._open_services_and_fill(home)
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
        self._services()
        if self.facts is not None:
            self.facts("I would like to finish the report by Friday.", self.lang,
                       {"step": "", "kind": "text", "tags": [], "previous": ""})
        _freeze_heap()
        self._preloaded = True

    def collect_young(self) -> None:
        """Collect the garbage of the last turn (a worker calls this as it finishes a
        turn, while the UI thread waits for it). A turn leaves thousands of short-lived
        cycles (Textual's messages, widget caches); left to the automatic collector,
        every tenth collection was a generation-1 one of 40-50 ms, inside a turn.
        Collected every turn it is 1-3 ms. The old generation is collected when a
        dialogue ends (`collect_all`)."""
        if self._preloaded:
            gc.collect(1)

    def collect_all(self) -> None:
        """Between dialogues: everything since the start-up heap was frozen."""
        if self._preloaded:
            gc.collect()

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
    15-30 young collections at the default threshold (700); 50,000 makes automatic
    collections rare: the dialogue collects after each turn (`collect_young`)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)


def make_app(store: Store | None, library: Library | None, *, lang: str = "en",
             facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
             export_dir: Path | None = None, start: str | None = None,
             resume: str | None = None, services: Services | None = None) -> ReflectApp:
    """Build the app from its services. The CLI and every test come through here.

    Either `store` and `library`, or `services`: a function returning (store, library,
    facts) that the app calls just after its first frame (the CLI's home screen)."""
    return ReflectApp(store, library, lang=lang, facts=facts, clock=clock,
                      export_dir=export_dir, start=start, resume=resume, services=services)


def _open_services(data_dir: str | None, library: Library | None = None
                   ) -> tuple[Store, Library, FactsProvider]:
    from ..library import Library, analysis_facts
    from ..store import Store

    store = Store.open(data_dir)
    try:
        return store, library or Library(), analysis_facts()
    except BaseException:
        store.close()
        raise


def run_app(data_dir: str | None = None, lang: str = "en", start: str | None = None,
            resume: str | None = None, library: Library | None = None) -> int:
    """`reflect` (and `reflect run ID` / `reflect resume` in a terminal): run the TUI.

    The home screen's first frame comes before the store and the library are opened;
    `run ID` and `resume` open them first, so an unknown id fails before the screen.
    `library` is the CLI's when `--prompts`/`--rules` name other folders."""
    if not start and not resume:
        app = make_app(None, None, lang=lang, export_dir=Path.cwd(),
                       services=lambda: _open_services(data_dir, library))
        try:
            result = app.run()
        finally:
            if app._store is not None:  # noqa: SLF001 - close what the app opened
                app._store.close()  # noqa: SLF001
        if app.services_error is not None:
            raise app.services_error
        return result if isinstance(result, int) else 0
    from ..library import Library, analysis_facts
    from ..store import Store

    store = Store.open(data_dir)
    try:
        library = library or Library()
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
