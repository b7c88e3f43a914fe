"""The pair set-up screen: who you are, your role, and how you sit; then the pair.

It is the home screen's (and the command palette's) way into pair evaluation, the form
in front of `PairScreen` that `reflect pair ...` fills from its flags:

* both at this keyboard: your name and role, your partner's name → a new pair with both
  people in it (the partner takes the other role);
* each at our own terminal, start: your name and role → a new pair and its join code,
  shown large before your part begins (and still under it while you answer);
* each at our own terminal, join: your name, role and the code → you join that pair, or
  are found again in it if you joined before (the same name continues).

What can be checked without the store (empty names, the same name twice, the shape of a
code) is checked at once; everything else runs in one worker (`open_pair`), which
creates or joins through `PairService` and reports either the pair or a message for one
field. The pair's own rules (an unknown code, a role already taken, a full pair) are
PairService's alone: it refuses with a keyed `UserError`, which the screen says in the
app's language (`error_text`) under the field the key is about (`REFUSED_FIELD`).
Nothing raised ever reaches the screen as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, RadioButton, RadioSet, Static

from ...i18n import N_, error_text, t
from ...services import pair as pair_service
from ...services.pair import NAME_LIMIT  # the name inputs stop there instead of failing later
from ..keys import Key
from ..widgets.key_footer import KeyFooter
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...core.stepper import FactsProvider
    from ...services.library import Library
    from ...services.pair import Pair, PairService
    from ...store import Store


@dataclass(frozen=True)
class PairForm:
    """What the form says. `how`: "keyboard", "start" or "join"."""

    name: str
    role: str
    how: str
    partner: str = ""
    code: str = ""

    @property
    def mode(self) -> str:
        """PairScreen's mode: one keyboard, or one of two terminals."""
        return "keyboard" if self.how == "keyboard" else "terminal"


class FieldProblem(Exception):
    """Something the person can fix in one field of the form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def clean_name(text: str) -> str:
    """A name as the pair stores it: spaces collapsed (PairService does the same)."""
    return " ".join(text.split())


def check_form(form: PairForm, lang: str) -> list[FieldProblem]:
    """What is wrong with the form before anything is stored (no store needed)."""
    problems = []
    if not form.name:
        problems.append(FieldProblem("name", t("Please write your name.", lang)))
    if form.how == "keyboard":
        if not form.partner:
            problems.append(FieldProblem("partner", t("Please write your partner's name.", lang)))
        elif form.name and form.partner.casefold() == form.name.casefold():
            problems.append(FieldProblem("partner", t("Your partner needs a name different from "
                                                      "yours, so your answers can be told apart.",
                                                      lang)))
    if form.how == "join" and not form.code.strip():
        problems.append(FieldProblem("code", t("Please type the code from your partner's screen.",
                                               lang)))
    return problems


#: The form field each of PairService's refusals is about (UserError.key); the others
#: are said under the form. A refused name goes under "name" only when the form has one
#: name (at one keyboard it could be either person's).
REFUSED_FIELD = {pair_service.NO_CODE: "code", pair_service.NO_SUCH_CODE: "code",
                 pair_service.JOINED_AS: "role",
                 pair_service.ROLE_TAKEN: "role", pair_service.FULL: "name"}
NAME_KEYS = (pair_service.NEED_NAME, pair_service.NAME_TOO_LONG)


def refused_field(exc: BaseException, form: PairForm) -> str:
    """Where to say that PairService refused the form ("" for under the form)."""
    key = getattr(exc, "key", "")
    if key in NAME_KEYS:
        return "" if form.how == "keyboard" else "name"
    return REFUSED_FIELD.get(key, "")


def open_pair(service: PairService, form: PairForm, lang: str) -> tuple[Pair, str]:
    """Create or join the pair the form describes (call it from a worker). Returns the
    pair and the person's name as stored; raises FieldProblem for a code that cannot be
    one, and PairService's UserError for what the pair refuses (see REFUSED_FIELD)."""
    from ...services.pair import (
        CODE_ALPHABET,
        CODE_LENGTH,
        DEFAULT_SCRIPT,
        normalise_code,
        other_role,
    )

    if form.how == "join":
        code = normalise_code(form.code)
        if len(code) != CODE_LENGTH or not set(code) <= set(CODE_ALPHABET):
            raise FieldProblem("code", t("A code has 6 letters and digits, like K7M2QX.", lang))
        pair, member = service.join(code, form.name, form.role)
        return pair, member.name
    pair = service.create(DEFAULT_SCRIPT, lang, host=form.name)
    try:
        pair, member = service.join(pair.code, form.name, form.role)
        if form.how == "keyboard":
            pair, _ = service.join(pair.code, form.partner, other_role(form.role))
    except BaseException:
        # Half a pair is of no use to anybody (and would hold the code): remove it.
        for session in (*(m.session for m in service.refresh(pair).members), pair.record):
            service.store.delete_session(session)
        raise
    return pair, member.name


class Choice(RadioSet):
    """A radio group whose arrow keys also choose, as radio groups do in browsers (in
    Textual's, arrows only move the cursor and Space chooses: easy to leave a choice
    unmade without noticing). Enter sends the form, as it does from any field."""

    BINDINGS = [Binding("enter", "screen.begin", show=False)]

    def action_next_button(self) -> None:
        self._choose(1)

    def action_previous_button(self) -> None:
        self._choose(-1)

    def _choose(self, step: int) -> None:
        """Press the next enabled button after the pressed one (wrapping round, as
        RadioSet's cursor does); the set moves its cursor to a pressed button."""
        buttons = list(self.query_children(RadioButton))
        if not buttons or not self.is_mounted:
            return
        at = self.pressed_index
        for _ in buttons:
            at = (at + step) % len(buttons) if at >= 0 else (0 if step > 0 else len(buttons) - 1)
            if not buttons[at].disabled:
                buttons[at].value = True
                return

    @property
    def choice(self) -> str:
        """The chosen button's name (its id after the set's prefix)."""
        button = self.pressed_button
        return (button.id or "").rsplit("-", 1)[-1] if button is not None else ""


def join_command(home: Path | None, code: str) -> str:
    """The command that joins pair `code` from another terminal. It names the data home
    when this one is not where a plain `reflect` looks (`--data-dir`): both terminals
    must use the same one."""
    import os
    import shlex

    command = f"reflect pair join {code} --name NAME"
    if home is None:
        return command
    if os.environ.get("REFLECT_HOME"):
        default = Path(os.environ["REFLECT_HOME"])
    else:
        import platformdirs

        default = Path(platformdirs.user_data_dir("reflect"))
    if default.expanduser().resolve() != home.resolve():
        command += f" --data-dir {shlex.quote(str(home))}"
    return command


class PairOpened(Message):
    """The worker created or joined the pair."""

    def __init__(self, service: PairService, pair: Pair, me: str, form: PairForm,
                 command: str = "") -> None:
        super().__init__()
        self.service = service
        self.pair = pair
        self.me = me
        self.form = form
        self.command = command  # for "start": how the partner joins from a terminal


class PairRefused(Message):
    """The worker could not open the pair: `field` is where to say so ("" for the form)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__()
        self.field = field
        self.message = message


class PairSetupScreen(ReflectScreen):
    CSS_PATH = "pair_setup.tcss"  # read when first shown (app.tcss holds only home's)
    KEYS = [Key("escape", "cancel", N_("Cancel"), display="esc")]

    FIELDS = ("name", "role", "partner", "code")

    def __init__(self) -> None:
        super().__init__()
        self.busy_opening = False
        self._opened: tuple[PairService, Pair, str, str] | None = None
        self._left_for_pair = False

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with VerticalScroll(id="pair-setup"):
            yield Static(t("You both answer the same questions, each on your own. Only when you "
                           "have both finished do you see your answers side by side, and agree "
                           "together on what to do next.",
                           lang), id="setup-intro", markup=False)
            with Vertical(id="setup-form"):
                yield Label(t("Your name", lang), classes="setup-label", markup=False)
                yield Input(id="setup-name", placeholder=t("a first name is enough", lang),
                            max_length=NAME_LIMIT, compact=True)
                yield _error("name")
                yield Label(t("Your role", lang), classes="setup-label", markup=False)
                yield Choice(_radio(t("Mentor", lang), "role-mentor", True),
                             _radio(t("Mentee", lang), "role-mentee"),
                             id="setup-role", compact=True)
                yield _error("role")
                yield Label(t("Where will you answer?", lang), classes="setup-label", markup=False)
                yield Choice(_radio(t("Both at this keyboard, taking turns",
                                      lang), "sit-keyboard", True),
                             _radio(t("Each at our own terminal", lang), "sit-terminals"),
                             id="setup-sit", compact=True)
                yield Choice(_radio(t("Start, and get a code to share",
                                      lang), "terminal-start", True),
                             _radio(t("Join with a code", lang), "terminal-join"),
                             id="setup-terminal", compact=True)
                with Vertical(id="setup-partner-row", classes="setup-row"):
                    yield Label(t("Your partner's name", lang), classes="setup-label",
                                markup=False)
                    yield Input(id="setup-partner", placeholder=t("their first name", lang),
                                max_length=NAME_LIMIT, compact=True)
                    yield _error("partner")
                with Vertical(id="setup-code-row", classes="setup-row"):
                    yield Label(t("The code on your partner's screen",
                                  lang), classes="setup-label", markup=False)
                    yield Input(id="setup-code", placeholder=t("for example K7M2QX", lang),
                                max_length=12, compact=True)
                    yield _error("code")
                with Horizontal(id="setup-buttons"):
                    yield Button(t("Begin", lang), id="setup-begin", variant="primary",
                                 compact=True)
                    yield Button(t("Cancel", lang), id="setup-cancel", compact=True)
                yield Static("", id="setup-status", markup=False)
            with Vertical(id="setup-share"):
                yield Label(t("Your pair code", lang), classes="setup-label", markup=False)
                yield Static("", id="setup-share-code", markup=False)
                yield Static(t("Give this code to your partner. In their own terminal on this "
                               "computer, they open Reflect, choose “Evaluate our partnership "
                               "together”, then “Join with a code”. Or they run:",
                               lang), markup=False)
                yield Static("", id="setup-share-command", markup=False)
                yield Static(t("You can begin now; the code stays visible while you answer.",
                               lang), markup=False)
                with Horizontal(id="setup-share-buttons"):
                    yield Button(t("Begin my part", lang), id="setup-begin-mine",
                                 variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("Evaluate our partnership together", self.lang)
        self._arrange()
        self.query_one("#setup-name", Input).focus()

    def on_screen_resume(self) -> None:
        # Back from the pair screen: the pair is over (or paused) for now; go home.
        if self._left_for_pair:
            self.dismiss()

    # ------------------------------------------------------------------ the form

    def form(self) -> PairForm:
        sit = self.query_one("#setup-sit", Choice).choice
        how = "keyboard" if sit == "keyboard" else self.query_one("#setup-terminal",
                                                                 Choice).choice
        return PairForm(
            name=clean_name(self.query_one("#setup-name", Input).value),
            role=self.query_one("#setup-role", Choice).choice,
            how=how,
            partner=clean_name(self.query_one("#setup-partner", Input).value),
            code=self.query_one("#setup-code", Input).value)

    def _arrange(self) -> None:
        """Show the fields the chosen way of sitting needs."""
        how = self.form().how
        self.query_one("#setup-terminal").display = how != "keyboard"
        self.query_one("#setup-partner-row").display = how == "keyboard"
        self.query_one("#setup-code-row").display = how == "join"

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        self._arrange()
        if event.radio_set.id == "setup-role":
            self._say("role", "")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # A message is about what was typed; typing again answers it.
        field = (event.input.id or "").removeprefix("setup-")
        self._say(field, "")
        if field in ("name", "partner"):
            self._say("partner" if field == "name" else "name", "")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "setup-name":
            self.focus_next()
        else:
            self.action_begin()

    @on(Button.Pressed, "#setup-begin")
    def _begin_pressed(self) -> None:
        self.action_begin()

    @on(Button.Pressed, "#setup-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#setup-begin-mine")
    def _begin_mine_pressed(self) -> None:
        self._open_pair_screen()

    def action_begin(self) -> None:
        if self.busy_opening or self._opened is not None:
            return
        form = self.form()
        for field in self.FIELDS:
            self._say(field, "")
        self._status("")
        problems = check_form(form, self.lang)
        if problems:
            for problem in problems:
                self._say(problem.field, problem.message)
            self._focus(problems[0].field)
            return
        self.busy_opening = True
        self.query_one("#setup-begin", Button).disabled = True
        self._status(t("One moment…", self.lang))
        self.open_pair(form)

    def action_cancel(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------------ the worker

    @work(thread=True, exclusive=True, group="pair-setup", exit_on_error=False)
    def open_pair(self, form: PairForm) -> None:
        app = self.reflect
        try:
            library = app.library  # waits while start-up still builds it; then facts too
            service = pair_service(app.store, library, app.facts)
            pair, me = open_pair(service, form, self.lang)
            command = join_command(app.store.home, pair.code) if form.how == "start" else ""
            self.post_message(PairOpened(service, pair, me, form, command))
        except FieldProblem as problem:
            self.post_message(PairRefused(problem.field, problem.message))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(PairRefused(refused_field(exc, form),
                                          error_text(exc, self.lang, wrap=N_("That did not work: "
                                                                             "{error}"))))

    def on_pair_refused(self, message: PairRefused) -> None:
        self.busy_opening = False
        self.query_one("#setup-begin", Button).disabled = False
        self._status("")
        if message.field:
            self._say(message.field, message.message)
            self._focus(message.field)
        else:
            self._status(message.message, error=True)

    def on_pair_opened(self, message: PairOpened) -> None:
        self.busy_opening = False
        self._status("")
        self._opened = (message.service, message.pair, message.me, message.form.mode)
        if message.form.how != "start":
            self._open_pair_screen()
            return
        # Show the code big and alone first: the partner needs it to join.
        code = message.pair.code
        self.query_one("#setup-form").display = False
        self.query_one("#setup-intro").display = False
        self.query_one("#setup-share-code", Static).update(
            Content.styled(f" {code} ", "bold reverse"))
        self.query_one("#setup-share-command", Static).update("  " + message.command)
        self.query_one("#setup-share").display = True
        self.query_one("#setup-begin-mine", Button).focus()

    def _open_pair_screen(self) -> None:
        from .pair import PairScreen

        if self._opened is None:
            return
        service, pair, me, mode = self._opened
        self._left_for_pair = True
        self.app.push_screen(PairScreen(service, pair, me=me, mode=mode))

    # ------------------------------------------------------------------ helpers

    def _say(self, field: str, message: str) -> None:
        """Show `message` under `field` ("" hides it)."""
        found = self.query(f"#setup-{field}-error")
        if found:
            error = found.first(Static)
            error.update(message)
            error.display = bool(message)

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#setup-status", Static)
        status.update(message)
        status.set_class(error, "setup-error")

    def _focus(self, field: str) -> None:
        widget: Widget = self.query_one(f"#setup-{field}")
        widget.focus()


def pair_service(store: Store, library: Library, facts: FactsProvider | None) -> PairService:
    """The service over the app's store and library, as `reflect pair` builds it."""
    from ...services.pair import PairService

    return PairService(store, library, facts=facts)


def _radio(label: str, button_id: str, chosen: bool = False) -> RadioButton:
    return RadioButton(Content(label), value=chosen, id=button_id)


def _error(field: str) -> Static:
    error = Static("", id=f"setup-{field}-error", classes="setup-error", markup=False)
    error.display = False
    return error
