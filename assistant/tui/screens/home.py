"""The home screen: start a dialogue, continue an unfinished one, reopen a summary.

Under the dialogues, two more ways in: evaluating the partnership as a pair, and
practising active listening. Their option ids start with "@", which a script id (lower
case letters, digits, hyphens) never does.

`reflect` gives it its lists ready-made (`read_home`, before the app starts), so its
first frame is complete. Otherwise (and whenever it is shown again) it fills them from
a worker: the catalogue or the library for the dialogues, the store for the sessions.
The language switch rebuilds this screen in the chosen language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import LANG_NAMES, LANGS, N_, t, tn
from ..keys import Key
from ..messages import HomeData, HomeLoaded
from ..when import when
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...services.catalogue import Entry
    from ...store import SessionInfo, Store

RECENT = 5
#: The entries after the dialogues: option id, title, purpose (string-table keys).
MODES = (("@pair", N_("Evaluate our partnership together"),
          N_("Mentor and mentee each answer privately first; then you see both answers side "
             "by side and agree on what comes next.")),
         ("@practice", N_("Practise active listening"),
          N_("For mentors: reply to short scripted mentees and see, for every reply, how well "
             "it listened.")),
         ("@drill", N_("Drill your weakest skill"),
          N_("For mentors: five short exercises on the listening measure your practice shows "
             "is weakest, with a before and after figure.")))
#: Rough durations: the evaluation each answers (≈ 15 min) plus comparing and agreeing;
#: practice goes on as long as the mentor likes, about two minutes a mentee.
PAIR_MINUTES = 25
PRACTICE_MINUTES = 2
DRILL_MINUTES = 5  # five short exercises


def read_home(store: Store, scripts: list[Entry] | None) -> HomeData:
    """The home screen's lists: `scripts` (None: not known yet) and the store's
    unfinished and recent sessions."""
    # Pair and practice sessions open with their own commands, not as a dialogue.
    unfinished = [s for s in store.sessions(status="in_progress", limit=RECENT * 4)
                  if s.mode == "solo"][:RECENT]
    recent = [s for s in store.sessions(status="finished", limit=RECENT * 4)
              if s.mode == "solo"][:RECENT]
    return HomeData(scripts=scripts, unfinished=unfinished, recent=recent)


class HomeScreen(ReflectScreen):
    KEYS = [
        Key("h", "app.history", N_("History")),
        Key("l", "language", N_("Language")),
        Key("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, initial: HomeData | None = None) -> None:
        super().__init__()
        self._initial = initial

    def compose(self) -> ComposeResult:
        # The lists are built with their options (not filled after mounting), so the
        # first frame is laid out once.
        lang = self.lang
        data = self._data = self._initial or HomeData(scripts=None)
        has_unfinished = bool(data.unfinished)
        yield Header()
        with Vertical(id="home"):
            yield Static(t("Private, guided dialogues for mentoring. Everything you write stays "
                           "on this computer.",
                           lang), id="intro", markup=False)
            yield Label(t("Start a dialogue (↑↓ to choose, Enter to start)",
                          lang), classes="section", markup=False)
            yield OptionList(*_script_options(data, lang), id="scripts", compact=True)
            yield Static(_purpose(data, _first_id(data), lang), id="purpose",
                         markup=False)
            label = Label(t("Continue where you left off", lang), classes="section unfinished",
                          markup=False)
            unfinished = OptionList(*_session_options(data.unfinished, lang),
                                    id="unfinished", classes="unfinished", compact=True)
            label.display = unfinished.display = has_unfinished
            yield label
            yield unfinished
            yield Label(t("Recent summaries", lang), classes="section", markup=False)
            yield OptionList(*_recent_options(data, lang), id="recent", compact=True)
            yield Static(_language_links(lang), id="language-row")
        yield KeyFooter()

    async def relabel(self, lang: str) -> None:
        """Show this screen in `lang` (the language switch): its words, keys and the
        dialogues' titles."""
        self.lang = lang
        await self.recompose()
        self.on_mount()
        self.load()

    def on_mount(self) -> None:
        # Whether the answers are encrypted on disk (`reflect lock`), always in sight.
        locked = getattr(self.reflect.store, "locked", False)
        self.sub_title = t("locked", self.lang) if locked else t("not locked", self.lang)
        self.query_one("#scripts").focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: then only if something is missing.
        initial, self._initial = self._initial, None
        if initial is None or initial.scripts is None:
            self.load()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load(self) -> None:
        self.post_message(HomeLoaded(self.gather()))

    def gather(self) -> HomeData:
        """What the lists show: the dialogues, unfinished and recent sessions."""
        app = self.reflect
        try:
            return read_home(app.store, app.dialogue_entries(app.lang))
        except Exception as exc:  # noqa: BLE001 - shown on screen
            return HomeData(error=str(exc))

    def on_home_loaded(self, message: HomeLoaded) -> None:
        self.show(message.data)

    def show(self, data: HomeData) -> None:
        """Fill the lists; each is replaced in one go (one refresh each)."""
        lang = self.lang
        self._data = data
        scripts = self.query_one("#scripts", OptionList)
        kept = _option_id(scripts, scripts.highlighted)
        options = _script_options(data, lang)
        scripts.set_options(options)
        # The same entry stays highlighted (a dialogue's place may move once the list is
        # read); otherwise the first that can be chosen.
        index = next((i for i, o in enumerate(options) if kept and o.id == kept),
                     next((i for i, o in enumerate(options) if not o.disabled), 0))
        scripts.highlighted = index
        self.query_one("#purpose", Static).update(
            _purpose(data, _option_id(scripts, index), lang))
        self.query_one("#unfinished", OptionList).set_options(
            _session_options(data.unfinished, lang))
        for widget in self.query(".unfinished"):
            if widget.display != bool(data.unfinished):
                widget.display = bool(data.unfinished)
        self.query_one("#recent", OptionList).set_options(_recent_options(data, lang))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scripts":
            self.query_one("#purpose", Static).update(
                _purpose(self._data, event.option.id, self.lang))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from .dialogue import DialogueScreen
        from .summary import SummaryScreen

        option_id = event.option.id
        if not option_id:
            return
        if option_id == "@pair":
            from .pair_setup import PairSetupScreen

            self.app.push_screen(PairSetupScreen())
        elif option_id == "@practice":
            from .practice import PracticeScreen

            self.app.push_screen(PracticeScreen())
        elif option_id == "@drill":
            from .drill import DrillScreen

            self.app.push_screen(DrillScreen())
        elif event.option_list.id == "scripts":
            self.app.push_screen(DialogueScreen(script_id=option_id))
        elif event.option_list.id == "unfinished":
            self.app.push_screen(DialogueScreen(session_id=option_id))
        elif event.option_list.id == "recent":
            self.app.push_screen(SummaryScreen(option_id))

    def action_language(self, lang: str = "") -> None:
        """Switch to `lang` (a click on its name), or to the next language (the key)."""
        following = lang or LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]
        self.reflect.set_lang(following)


# The options are Textual `Content` (not Rich `Text`, which Textual would convert) and
# one line each: the lists are the bulk of the home screen's first frame.

def _script_options(data: HomeData, lang: str) -> list[Option]:
    """The dialogues, then pair and practice. While the dialogues are being read, only
    that is said (the list is replaced in one go once they are known)."""
    if data.scripts is None:
        return [Option(Content.styled(t("Reading the dialogues…", lang), "dim"), disabled=True)]
    rows = [(entry.id, entry.title,
             t("~{n} min", lang, n=entry.minutes) if entry.minutes else "")
            for entry in data.scripts]
    rows.append(("@pair", t("Evaluate our partnership together", lang),
                 t("~{n} min", lang, n=PAIR_MINUTES)))
    rows.append(("@practice", t("Practise active listening", lang),
                 t("~{n} min per mentee", lang, n=PRACTICE_MINUTES)))
    rows.append(("@drill", t("Drill your weakest skill", lang),
                 t("~{n} min", lang, n=DRILL_MINUTES)))
    width = max(len(title) for _, title, _ in rows) + 2
    options = [] if data.scripts else [
        Option(Content(data.error or t("No dialogues found. Run `reflect validate prompts` to see "
                                       "why.",
                                       lang)), disabled=True)]
    options += [Option(Content.assemble((title.ljust(width), "bold"), (minutes, "dim")),
                       id=option_id) for option_id, title, minutes in rows]
    return options


def _first_id(data: HomeData) -> str | None:
    """The entry highlighted first: the first dialogue (or pair, if there are none)."""
    if data.scripts is None:
        return None
    return data.scripts[0].id if data.scripts else MODES[0][0]


def _option_id(options: OptionList, index: int | None) -> str | None:
    if index is None or not 0 <= index < options.option_count:
        return None
    return options.get_option_at_index(index).id


def _purpose(data: HomeData, option_id: str | None, lang: str) -> str:
    """The purpose of the highlighted entry, shown under the list."""
    for mode_id, _, purpose in MODES:
        if option_id == mode_id:
            return t(purpose, lang)
    return next((entry.purpose for entry in data.scripts or () if entry.id == option_id), "")


def _session_options(sessions: list[SessionInfo], lang: str) -> list[Option]:
    return [Option(_session_line(info, lang), id=info.id) for info in sessions]


def _recent_options(data: HomeData, lang: str) -> list[Option]:
    return (_session_options(data.recent, lang)
            or [Option(Content.styled(t("Nothing here yet: your finished dialogues will be listed "
                                        "here.",
                                        lang), "dim"), disabled=True)])


def _session_line(info: SessionInfo, lang: str) -> Content:
    return Content.assemble(
        (info.title or info.script, "bold"),
        (f"  {when(info.updated)} · {_answers(info.answered, lang)}", "dim"))


def _answers(n: int, lang: str) -> str:
    return tn("{n} answer", "{n} answers", n, lang)


def _language_links(lang: str) -> Content:
    """"Language: English · Deutsch · Dansk", each name a link that switches to it (a
    row of links: a Select would cost the first frame ≈ 30 ms for three choices)."""
    parts: list[Content | str] = [Content(t("Language", lang) + ": ")]
    for i, code in enumerate(LANGS):
        if i:
            parts.append(" · ")
        name = Content(LANG_NAMES[code])
        if code == lang:
            parts.append(name.stylize("bold reverse"))
        else:
            parts.append(name.stylize(f"underline @click=screen.language('{code}')"))
    return Content.assemble(*parts)
