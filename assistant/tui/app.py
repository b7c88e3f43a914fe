"""The Reflect app: one factory for the CLI and the tests, services injected.

`make_app(store, library, ...)` builds a `ReflectApp` without touching the disk;
`run_app(...)` is what `reflect` calls. Start-up is shaped so that the home screen is
interactive as early as a bare Textual app would be:

- the home screen is the app's default screen (no second screen to build and lay out);
- its lists come with its first frame: `run_app` opens the store and reads the
  dialogues from the cached catalogue (`assistant.catalogue`) before the app starts, so
  neither Jinja2, PyYAML, the library nor nltk is imported for it;
- the library and the analysis (nltk, ≈ 300 ms of imports) are prepared afterwards in a
  worker (`prepare`), a moment after the first frame or as soon as a screen needs them.
  Workers that need the library wait for it (`app.library`).
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
from textual.command import CommandPalette
from textual.screen import Screen

from ..i18n import LANG_NAMES, LANGS, N_, language, t, tc
from .keys import Key, bindings

if TYPE_CHECKING:
    from ..core.stepper import FactsProvider
    from ..services.catalogue import Catalogue, Entry
    from ..services.library import Library
    from ..store import Store
    from ..store.settings import Settings
    from .messages import HomeData

    #: Builds the library and the facts provider (called in a worker).
    Services = Callable[[], tuple[Library, FactsProvider]]


#: Seconds after the first frame before the library and the analysis are prepared, so
#: that the first frames and keys are not slowed by ≈ 0.4 s of imports in a worker
#: (threads share the GIL). A screen that needs them sooner asks at once.
PREPARE_DELAY_S = 0.25
#: The collector's thresholds once start-up's heap is frozen: automatic collections are
#: rare, and the app collects where it is cheap and unseen (after a turn, between
#: dialogues, after the warm-up).
GC_THRESHOLD = (50_000, 10, 10)


class ReflectApp(App[int]):
    """Home, dialogue, summary and history screens over one store and one library."""

    CSS_PATH = "app.tcss"
    TITLE = "Reflect"
    KEYS = [
        Key("question_mark,f1", "keys", N_("Keys")),
        Key("ctrl+t", "toggle_theme", N_("Light/dark"), show=False),
        Key("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
        # Bound here, Textual does not add its own ("palette", in English) to the footer.
        Key("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
    ]
    BINDINGS = bindings(KEYS)  # shown in words by the screens (`ReflectScreen`)

    def __init__(self, store: Store, library: Library | None, *, lang: str = "en",
                 facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
                 export_dir: Path | None = None, start: str | None = None,
                 resume: str | None = None, services: Services | None = None,
                 catalogue: Catalogue | None = None, catalogue_file: Path | None = None,
                 home: HomeData | None = None, settings: Settings | None = None,
                 settings_file: Path | None = None) -> None:
        super().__init__()
        #: What was chosen at the last start (`store.settings`), and where it is kept
        #: (None: nothing chosen here is remembered, as in the tests).
        self._settings = settings
        self._settings_file = settings_file
        if settings is not None and settings.theme in self.available_themes:
            self.theme = settings.theme
        if services is None and library is None:
            raise ValueError("make_app needs a library, or services that build one")
        self._store = store
        self._library = library
        self._services_to_open = services
        self._services_ready = threading.Event()
        if services is None:
            self._services_ready.set()
        #: What building the services raised (`run_app` raises it again after the app).
        self.services_error: BaseException | None = None
        self.lang = language(lang)
        self.facts = facts
        self.clock = clock
        #: Where the save dialog opens (None: `Reflect` in the documents folder); the
        #: folder of the last save once one was made.
        self.export_dir = export_dir
        self._start = start
        self._resume = resume
        self._catalogue = catalogue
        self._catalogue_file = catalogue_file
        self._home = home
        self._preparing = False
        self._preloaded = False
        #: What `run_app` prints once the app has ended (what was kept, how to go on).
        self.farewell = ""

    async def action_quit(self) -> None:
        """Ctrl+Q. A screen that holds typed text keeps it before the app ends
        (`before_quit` returns True and exits itself once it has)."""
        for screen in reversed(self.screen_stack):
            before_quit = getattr(screen, "before_quit", None)
            if before_quit is not None and before_quit():
                return
        self.exit()

    # ------------------------------------------------------------------ services

    @property
    def store(self) -> Store:
        return self._store

    @property
    def library(self) -> Library:
        """The library; waits for it while it is being built (call it from workers)."""
        self._services()
        assert self._library is not None
        return self._library

    @property
    def preloaded(self) -> bool:
        """Whether the library is built and the analysis warm (the warm-up is done)."""
        return self._preloaded

    @property
    def services_ready(self) -> bool:
        """Whether the library is built (or failed to build)."""
        return self._services_ready.is_set()

    def _services(self) -> None:
        """Wait (in a worker) until the library is built, asking for it if need be."""
        if self._services_ready.is_set():
            pass
        elif threading.current_thread() is threading.main_thread():
            raise RuntimeError("the library is not built yet; use it from a worker")
        else:
            if not self._preparing:
                self.call_from_thread(self.prepare)
            while not self._services_ready.wait(0.05):
                if self._exit:  # leaving before it was built: nothing to wait for
                    raise RuntimeError("Reflect is closing")
        if self.services_error is not None:
            raise RuntimeError(f"cannot read Reflect's dialogues: {self.services_error}")

    def _open_services(self) -> None:
        """Build the library and the facts provider, once (in the prepare worker)."""
        services, self._services_to_open = self._services_to_open, None
        if services is None:
            return
        try:
            library, facts = services()
            self._library = library
            if self.facts is None:
                self.facts = facts
        except Exception as exc:  # noqa: BLE001 - reported by run_app after the app
            self.services_error = exc
        finally:
            self._services_ready.set()
        if self.services_error is not None:
            self.call_from_thread(self.exit, 1)

    def dialogue_entries(self, lang: str) -> list[Entry]:
        """The dialogues as the home screen lists them: from the catalogue if it is
        current, else from the library (call it from a worker)."""
        if self._catalogue is not None:
            return self._catalogue[lang]
        from ..services.catalogue import entries

        return entries(self.library, lang)

    def _write_catalogue(self) -> None:
        """After a start without a current catalogue, write one for the next start."""
        if self._catalogue is not None or self._catalogue_file is None:
            return
        from ..services import catalogue

        library = self.library
        try:
            built = catalogue.build(library)
        except Exception:  # noqa: BLE001 - a broken script: the home screen says so
            return
        catalogue.write(self._catalogue_file, library.prompts, built)
        self._catalogue = built

    # ------------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        from .screens.home import HomeScreen

        home, self._home = self._home, None
        return HomeScreen(home)

    def on_mount(self) -> None:
        if self._settings_file is not None:
            self.theme_changed_signal.subscribe(self, self._theme_chosen)
            if self._settings is not None and self._settings.problem:
                self.notify(t("Your settings in {path} could not be used, so Reflect starts "
                              "with its defaults; choosing a language or theme saves them "
                              "anew.", self.lang, path=str(self._settings_file)),
                            severity="warning", timeout=10)
        if self._resume:
            from .screens.dialogue import DialogueScreen

            self.push_screen(DialogueScreen(session_id=self._resume))
        elif self._start:
            from .screens.dialogue import DialogueScreen

            self.push_screen(DialogueScreen(script_id=self._start))

    def on_ready(self) -> None:
        # The first frame is on screen. The library and the analysis are prepared a
        # moment later, unless a screen asks for them first (a dialogue does at once).
        self.set_timer(PREPARE_DELAY_S, self.prepare)

    def prepare(self) -> None:
        """Build the library and warm the analysis in a worker, once; the UI thread
        never waits for either."""
        if self._preparing:
            return
        self._preparing = True
        self._prepare()

    @work(thread=True, exclusive=True, group="preload", exit_on_error=False)
    def _prepare(self) -> None:
        self._open_services()
        if self.services_error is not None:
            return
        self._write_catalogue()
        if self.facts is not None:
            self.facts("I would like to finish the report by Friday.", self.lang,
                       {"step": "", "kind": "text", "tags": [], "previous": ""})
        _freeze_heap()
        self._preloaded = True

    def pop_screen(self):  # type: ignore[no-untyped-def, override]
        done = super().pop_screen()
        self.call_after_refresh(self.forget_closed_screens)  # the popped one is closed
        return done

    def forget_closed_screens(self) -> None:
        """Let go of what closed screens left watching the app.

        Textual's `Header` watches the app's title and sub-title from every screen, and
        the app forgets the watchers of closed widgets when that value changes, which
        in Reflect it never does by itself. So the Header of every closed screen stayed
        alive, one more per dialogue, summary or history visit. Changing both values
        and back makes Textual forget them (public API only; the headers still open
        show the same title after it)."""
        for name in ("title", "sub_title"):
            value = getattr(self, name)
            setattr(self, name, value + " ")
            setattr(self, name, value)

    def tidy_store(self) -> None:
        """Checkpoint the store's log in a worker. The store leaves that to its front
        ends so that it never runs inside a turn; the dialogue screen asks for it once
        a turn is on screen, while the person reads and types. Each is small (the pages
        of one turn)."""
        self._tidy()

    @work(thread=True, exclusive=True, group="tidy", exit_on_error=False)
    def _tidy(self) -> None:
        self.store.checkpoint()  # a failure is harmless: the next turn tries again

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
        from .screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.call_later(screen.relabel, lang)
        self.refresh_bindings()
        self._remember(lang=lang)

    # ------------------------------------------------------------------ settings

    def _theme_chosen(self, theme: object) -> None:
        self._remember(theme=self.theme)

    def _remember(self, **changes: str) -> None:
        """Keep what the person chose (language, theme) for the next start."""
        if self._settings_file is None:
            return
        from ..store.settings import Settings

        current = self._settings or Settings()
        if all(getattr(current, name) == value for name, value in changes.items()):
            return  # e.g. the theme of the settings, set as the app started
        # Both are saved once either is chosen: the one not chosen as it is now.
        self._settings = current.but(**{"lang": current.lang or self.lang,
                                        "theme": self.theme, **changes})
        self._save_settings(self._settings, self._settings_file)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def _save_settings(self, settings: Settings, path: Path) -> None:
        from ..store.settings import write

        try:
            write(path, settings)
        except OSError as exc:
            self.call_from_thread(self.notify, t("Could not save your settings in {path} "
                                                 "({error}); they apply until you close "
                                                 "Reflect.", self.lang, path=str(path),
                                                 error=exc.strerror or exc),
                                  severity="warning", timeout=10)

    # ------------------------------------------------------------------ actions

    def action_keys(self) -> None:
        from .screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_home(self) -> None:
        from .screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_start(self, script_id: str) -> None:
        from .screens.dialogue import DialogueScreen

        self.push_screen(DialogueScreen(script_id=script_id))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        # On the UI thread: only what is at hand (the catalogue, or the library once
        # built); a broken script is simply not offered (`reflect validate` reports it).
        entries: list[Entry] = []
        if self._catalogue is not None:
            entries = self._catalogue[lang]
        elif self.services_ready and self.services_error is None:
            from ..services.catalogue import entries as library_entries

            try:
                entries = library_entries(self.library, lang)
            except Exception:  # noqa: BLE001
                entries = []
        for entry in entries:
            yield SystemCommand(t("Start: {title}", lang, title=entry.title),
                                t("Start the dialogue '{title}'", lang, title=entry.title),
                                lambda sid=entry.id: self.action_start(sid))
        from .screens.practice import practice_commands

        def pair() -> None:
            from .screens.pair_setup import PairSetupScreen

            self.push_screen(PairSetupScreen())

        yield SystemCommand(t("Evaluate our partnership together", lang),
                            t("Mentor and mentee answer privately, then compare and agree", lang),
                            pair)
        yield from practice_commands(self)
        yield SystemCommand(t("History", lang), t("All sessions: search, open, delete", lang),
                            self.action_history)
        yield SystemCommand(tc("command", "Home", lang), t("Back to the home screen", lang),
                            self.action_home)
        yield SystemCommand(t("Key help", lang), t("Every key on this screen", lang),
                            self.action_keys)
        yield SystemCommand(t("Light or dark theme", lang),
                            t("Switch between the light and the dark theme", lang),
                            self.action_toggle_theme)
        for code in LANGS:
            if code != lang:
                name = LANG_NAMES[code]
                yield SystemCommand(t("Language: {name}", lang, name=name),
                                    t("Show the app in {name}", lang, name=name),
                                    lambda c=code: self.set_lang(c))
        # Textual's own commands, in the app's language. Its "Theme" (a picker of every
        # Textual theme) and "Screenshot" (an SVG of the screen, answers included, saved
        # without asking where) are left out: light/dark is above, and Reflect saves
        # nothing the person did not choose to save.
        yield SystemCommand(t("Quit", lang), t("Quit Reflect; every answer you sent is saved",
                                               lang), self.action_quit)
        if screen.maximized is not None:
            yield SystemCommand(t("Normal size", lang),
                                t("Show the maximized part at its normal size again", lang),
                                screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("Maximize", lang),
                                t("Show the focused part on the whole screen", lang),
                                screen.action_maximize)

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's command palette, its search field in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(
                id="--command-palette", placeholder=t("Search for commands…", self.lang)))

    def action_help_quit(self) -> None:
        """Ctrl+C, which Textual answers with a notice on how to quit: in the app's
        language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("Press {key} to quit Reflect.", self.lang,
                              key=self.get_key_display(active.binding)),
                            title=t("Do you want to quit?", self.lang), markup=False)
                return


def _freeze_heap() -> None:
    """Move what start-up built (Textual, the library, nltk's modules) out of the
    garbage collector's sight. It lives as long as the process anyway, and otherwise
    every full collection walks all of it: 50-100 ms on the UI thread, in the middle of
    a turn. Collected once first, so no garbage is kept. A turn allocates enough for
    15-30 young collections at the default threshold (700); 50,000 makes automatic
    collections rare: the dialogue collects after each turn (`collect_young`)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def make_app(store: Store, library: Library | None, *, lang: str = "en",
             facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
             export_dir: Path | None = None, start: str | None = None,
             resume: str | None = None, services: Services | None = None,
             catalogue: Catalogue | None = None, catalogue_file: Path | None = None,
             home: HomeData | None = None, settings: Settings | None = None,
             settings_file: Path | None = None) -> ReflectApp:
    """Build the app from its services. The CLI and every test come through here.

    `library`, or `services`: a function returning (library, facts) that the app calls
    in a worker after its first frame. `catalogue` (the dialogues per language, see
    `assistant.catalogue`) and `home` (the home screen's lists) let the first frame
    show everything without the library; `catalogue_file` is where to write a fresh
    catalogue when `catalogue` is None. `settings` (`store.settings`) are what was chosen
    at the last start; with `settings_file`, a language or theme chosen now is saved
    there (without it, as in tests, nothing is remembered)."""
    return ReflectApp(store, library, lang=lang, facts=facts, clock=clock,
                      export_dir=export_dir, start=start, resume=resume, services=services,
                      catalogue=catalogue, catalogue_file=catalogue_file, home=home,
                      settings=settings, settings_file=settings_file)


def _services(library: Library | None, home: Path | None) -> tuple[Library, FactsProvider]:
    from ..services.library import Library, analysis_facts
    from ..services.templates import use_cache_in

    use_cache_in(home)
    return library or Library(), analysis_facts()


def home_app(store: Store, lang: str | None = None, library: Library | None = None,
             export_dir: Path | None = None, settings_file: Path | None = None
             ) -> ReflectApp:
    """The app as `reflect` starts it: the home screen's lists read now (the store's
    sessions and the cached catalogue: a few milliseconds, before any frame), the
    library built in a worker after the first frame. `lang` None: the language chosen
    last time (kept in `settings_file`, if given), else English."""
    from ..services import catalogue
    from ..services.content import prompts_dir
    from .screens.home import read_home

    prompts = library.prompts if library is not None else prompts_dir()
    cache = catalogue.cache_file(store.home) if store.home is not None else None
    current = catalogue.read(cache, prompts) if cache is not None else None
    settings = _read_settings(settings_file)
    lang = lang or (settings.lang if settings is not None else None)
    lang = language(lang)
    return make_app(store, library, lang=lang, export_dir=export_dir,
                    services=lambda: _services(library, store.home), catalogue=current,
                    catalogue_file=cache,
                    home=read_home(store, current[lang] if current is not None else None),
                    settings=settings, settings_file=settings_file)


def _read_settings(path: Path | None) -> Settings | None:
    if path is None:
        return None
    from ..store.settings import read

    return read(path, LANGS)


def run_app(data_dir: str | None = None, lang: str | None = None, start: str | None = None,
            resume: str | None = None, library: Library | None = None) -> int:
    """`reflect` (and `reflect run ID` / `reflect resume` in a terminal): run the TUI.

    `run ID` and `resume` build the library first, so an unknown id fails before the
    screen. `library` is the CLI's when `--prompts`/`--rules` name other folders. `lang`
    None: the language chosen in the app last time (`store.settings`), else English;
    the theme chosen last time applies to every start."""
    from ..store import Store
    from ..store.settings import settings_file

    where = settings_file()
    store = Store.open(data_dir)
    try:
        if not start and not resume:
            app = home_app(store, lang, library, settings_file=where)
        else:
            from ..services.library import Library, analysis_facts
            from ..services.templates import use_cache_in

            use_cache_in(store.home)
            library = library or Library()
            if start:
                library.script_file(start)  # an unknown id fails here, with a suggestion
            if resume:
                resume = store.session(resume).id
            settings = _read_settings(where)
            lang = lang or (settings.lang if settings is not None else None) or "en"
            app = make_app(store, library, lang=lang, facts=analysis_facts(), start=start,
                           resume=resume, settings=settings, settings_file=where)
        result = app.run()
        if app.farewell:
            print(app.farewell)
        if app.services_error is not None:
            raise app.services_error
        return result if isinstance(result, int) else 0
    finally:
        store.close()
