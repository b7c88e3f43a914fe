"""The home screen: start a dialogue, continue an unfinished one, reopen a summary.

It composes at once with empty lists and fills them from a worker (the library reads
the scripts, the store lists sessions), so the screen is interactive before any file is
read. The language switch rebuilds this screen in the chosen language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ..keys import Key
from ..messages import HomeData, HomeLoaded, ScriptEntry
from ..strings import LANG_NAMES, LANGS, t
from ..when import when
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...store import SessionInfo

RECENT = 5


class HomeScreen(ReflectScreen):
    KEYS = [
        Key("h", "app.history", "key.history"),
        Key("l", "language", "key.language"),
        Key("q", "app.quit", "key.quit"),
    ]

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="home"):
            yield Static(t("home.intro", lang), id="intro", markup=False)
            yield Label(t("home.start", lang), classes="section", markup=False)
            yield OptionList(id="scripts", compact=True)
            yield Label(t("home.unfinished", lang), classes="section unfinished",
                        markup=False)
            yield OptionList(id="unfinished", classes="unfinished", compact=True)
            yield Label(t("home.recent", lang), classes="section", markup=False)
            yield OptionList(id="recent", compact=True)
            with Horizontal(id="language-row"):
                yield Label(t("home.language", lang), markup=False)
                yield Select([(LANG_NAMES[c], c) for c in LANGS], value=lang,
                             allow_blank=False, id="language", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = ""
        for widget in self.query(".unfinished"):
            widget.display = False
        self.query_one("#scripts").focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown. While the app is still opening the
        # store and the library, it fills the lists itself once they are open.
        if self.reflect.services_ready:
            self.load()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load(self) -> None:
        self.post_message(HomeLoaded(self.gather()))

    def gather(self) -> HomeData:
        """What the lists show: the scripts, unfinished and recent sessions."""
        app = self.reflect
        data = HomeData()
        try:
            for script_id in app.library.script_ids():
                script = app.library.script(script_id, app.lang)
                data.scripts.append(ScriptEntry(script.id, script.title, script.purpose,
                                                script.minutes))
            # Pair and practice sessions open with their own commands, not as a dialogue.
            data.unfinished = [s for s in app.store.sessions(status="in_progress",
                                                             limit=RECENT * 4)
                               if s.mode == "solo"][:RECENT]
            data.recent = [s for s in app.store.sessions(status="finished", limit=RECENT * 4)
                           if s.mode == "solo"][:RECENT]
        except Exception as exc:  # noqa: BLE001 - shown on screen
            data.error = str(exc)
        return data

    def on_home_loaded(self, message: HomeLoaded) -> None:
        data = message.data
        lang = self.lang
        # Each list is replaced in one go (one refresh each, not one per option).
        scripts = self.query_one("#scripts", OptionList)
        highlighted = scripts.highlighted
        options = []
        for entry in data.scripts:
            line = Text(entry.title, style="bold")
            if entry.minutes:
                line.append(f"  {t('home.minutes', lang, n=entry.minutes)}", style="dim")
            if entry.purpose:
                line.append(f"\n{entry.purpose}")
            options.append(Option(line, id=entry.id))
        if not data.scripts:
            options.append(Option(Text(data.error or t("home.no_scripts", lang)),
                                  disabled=True))
        scripts.set_options(options)
        scripts.highlighted = highlighted if highlighted is not None else 0

        unfinished = self.query_one("#unfinished", OptionList)
        unfinished.set_options([Option(_session_line(info, lang), id=info.id)
                                for info in data.unfinished])
        for widget in self.query(".unfinished"):
            if widget.display != bool(data.unfinished):
                widget.display = bool(data.unfinished)

        recent = self.query_one("#recent", OptionList)
        recent.set_options([Option(_session_line(info, lang), id=info.id)
                            for info in data.recent]
                           or [Option(Text(t("home.nothing_yet", lang), style="dim"),
                                      disabled=True)])
        # The lists are filled: once they are on screen, warm the analysis.
        self.call_after_refresh(self.reflect.warm_up)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from .dialogue import DialogueScreen
        from .summary import SummaryScreen

        option_id = event.option.id
        if not option_id:
            return
        if event.option_list.id == "scripts":
            self.app.push_screen(DialogueScreen(script_id=option_id))
        elif event.option_list.id == "unfinished":
            self.app.push_screen(DialogueScreen(session_id=option_id))
        elif event.option_list.id == "recent":
            self.app.push_screen(SummaryScreen(option_id))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "language" and isinstance(event.value, str):
            self.reflect.set_lang(event.value)

    def action_language(self) -> None:
        following = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]
        self.reflect.set_lang(following)


def _session_line(info: SessionInfo, lang: str) -> Text:
    line = Text(info.title or info.script, style="bold")
    line.append(f"  {when(info.updated)} · {_answers(info.answered, lang)}",
                style="dim")
    return line


def _answers(n: int, lang: str) -> str:
    return t("home.answer_one", lang) if n == 1 else t("home.answers", lang, n=n)
