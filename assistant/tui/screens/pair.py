"""The pair screen: hands the keyboard over, waits for the partner, reveals, agrees.

It is a small state machine over what is stored. A worker reads the pair back
(`PairService.refresh`) and posts `PairState`; the screen shows the one thing that
comes next, with one button:

* same keyboard: "Pass the keyboard to Ben" with "I am Ben: start" → Ben's part
  (a `PairPartScreen`, dismissed when he finishes) → "Show our answers" → the reveal →
  "Agree together" → the joint step → the pair summary.
* two terminals: my part → waiting, with the partner's progress (counts only), polled
  every half second → the reveal → the host records the agreement while the other
  terminal waits → the pair summary.

Nothing of either person's answers is rendered before both have finished (and, at one
keyboard, before they asked for the reveal together): the reveal and the summary are
the only widgets that show answers, and they stay empty until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Markdown, Static

from ...core.safe_text import neutralise
from ...i18n import N_, error_text, role_name, t, tn
from ..app import ReflectApp
from ..keys import Key
from .base import ReflectScreen
from .pair_part import PairPartScreen

if TYPE_CHECKING:
    from ...core.stepper import FactsProvider
    from ...services.library import Library
    from ...services.pair import Comparison, Member, Pair, PairService
    from ...store import Store


@dataclass
class PairView:
    """What the stored pair says, read off the UI thread."""

    pair: Pair
    waiting: str = ""  # the partner's progress while waiting
    comparison: Comparison | None = None
    summary: str = ""


class PairState(Message):
    """A worker read the pair back from the store."""

    def __init__(self, view: PairView) -> None:
        super().__init__()
        self.view = view


class PairFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class PairScreen(ReflectScreen):
    KEYS = [Key("escape", "close", N_("Close"), display="esc")]

    DEFAULT_CSS = """
    PairScreen #pair-body { height: 1fr; padding: 1 2; }
    PairScreen #pair-message { margin-bottom: 1; }
    PairScreen #pair-actions { height: auto; padding: 0 2 1 2; }
    """

    def __init__(self, service: PairService, pair: Pair, *, me: str, mode: str) -> None:
        super().__init__()
        self.service = service
        self.pair = pair
        self.me = me
        self.mode = mode  # "keyboard" | "terminal"
        self.lang = pair.lang
        self.revealed = mode == "terminal"
        self.opened_own_part = False
        self._go: tuple[str, Member | None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pair-body"):
            yield Static("", id="pair-message", markup=False)
            yield Static("", id="pair-reveal")
            yield Markdown("", id="pair-summary")
        with Horizontal(id="pair-actions"):
            yield Button("", id="pair-go", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("Pair evaluation", self.lang)
        self.query_one("#pair-go", Button).display = False
        self.refresh_state()
        self.set_interval(0.5, self._poll)

    def _poll(self) -> None:
        if self.app.screen is self and self._waiting():
            self.refresh_state()

    def _waiting(self) -> bool:
        pair = self.pair
        mine = pair.member(self.me)
        if self.mode != "terminal" or mine is None or not mine.finished:
            return False
        return not pair.both_done or (not pair.agreed and self.me != pair.host)

    # ------------------------------------------------------------------ reading the pair

    @work(thread=True, exclusive=True, group="pair-state", exit_on_error=False)
    def refresh_state(self) -> None:
        try:
            pair = self.service.refresh(self.pair)
            view = PairView(pair)
            mine = pair.member(self.me)
            if pair.both_done and self.revealed:
                view.comparison = self.service.compare(pair)
                if pair.agreed:
                    view.summary = self.service.summary(pair)
            elif mine is not None and mine.finished and self.mode == "terminal":
                partner = pair.partner_of(mine)
                if partner is None:
                    view.waiting = t("Waiting for your partner to join with code {code}. (Ctrl+C "
                                      "stops waiting; your answers are saved.)",
                                      self.lang, code=pair.code)
                else:
                    p = self.service.progress(pair, partner)
                    view.waiting = t("Waiting for {partner}: {answered} of {total} answered. "
                                      "(Ctrl+C stops waiting; your answers are saved.)",
                                      self.lang, partner=partner.name,
                                      answered=p.answered, total=p.total)
            self.post_message(PairState(view))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(PairFailed(error_text(exc, self.lang)))

    def on_pair_failed(self, message: PairFailed) -> None:
        self.notify(message.error, severity="error")

    def on_pair_state(self, message: PairState) -> None:
        view = message.view
        self.pair = pair = view.pair
        lang = self.lang
        text, go = "", None
        if self.mode == "keyboard":
            order = sorted(pair.members, key=lambda m: m.name != self.me)
            pending = [m for m in order if not m.finished]
            done = [m for m in order if m.finished]
            if pending:
                nxt = pending[0]
                partner = pair.partner_of(nxt)
                if done:
                    text = t("Thank you, {name}. Your answers are saved and hidden.\nPass the "
                              "keyboard to {partner}.",
                              lang, name=done[-1].name, partner=nxt.name)
                else:
                    text = t("{name} ({role}): these questions are for you alone. {partner} sees "
                              "your answers only when you have both finished.",
                              lang, name=nxt.name,
                              role=role_name(nxt.role, lang),
                              partner=partner.name if partner
                              else t("Your partner", lang))
                    if partner is not None:
                        text += "\n" + t("{partner}, please look away until {name} passes you "
                                          "the keyboard.",
                                          lang, partner=partner.name,
                                          name=nxt.name)
                go = ("part", nxt)
            elif not self.revealed:
                text = t("You have both finished. Sit together and press Enter to see your "
                          "answers side by side.", lang)
                go = ("reveal", None)
        else:
            mine = pair.member(self.me)
            if mine is not None and not mine.finished:
                partner = pair.partner_of(mine)
                text = t("Pair code: {code}. Your partner joins from another terminal with:\n  "
                          "reflect pair join {code} --name NAME",
                          lang, code=pair.code) if partner is None else ""
                go = ("part", mine)
                if not self.opened_own_part:
                    self.opened_own_part = True
                    self._set(text, None)
                    self._open_part(mine)
                    return
            elif view.waiting:
                text = view.waiting
        if view.comparison is not None:
            self.query_one("#pair-reveal", Static).update(self._reveal(view.comparison))
            if view.summary:
                self.query_one("#pair-summary", Markdown).update(view.summary)
                go = ("close", None)
            elif self.mode == "keyboard" or self.me == pair.host:
                go = ("agree", None)
            else:
                text = t("{host} writes down what you agree together; the summary appears here "
                          "when it is done.", lang, host=pair.host)
        self._set(text, go)

    def _set(self, text: str, go: tuple[str, Member | None] | None) -> None:
        self.query_one("#pair-message", Static).update(text)
        button = self.query_one("#pair-go", Button)
        self._go = go
        button.display = go is not None
        if go is not None:
            kind, member = go
            label = {"part": t("I am {name}: start", self.lang, name=member.name) if member
                     else "", "reveal": t("Show our answers", self.lang),
                     "agree": t("Agree together", self.lang),
                     "close": t("Close", self.lang)}[kind]
            if kind == "part" and self.mode == "terminal":
                label = t("Continue my part", self.lang)
            button.label = label
            button.focus()

    def _reveal(self, comparison: Comparison) -> Text:
        lang = self.lang
        out = Text()
        out.append(t("Your answers side by side", lang) + "\n", style="bold underline")
        for n, item in enumerate(comparison.items, 1):
            out.append(f"\n{n}. {item.prompt}\n", style="bold")
            for a in item.answers:
                who = f"{a.name} ({role_name(a.role, lang)}): "
                body = (t("(skipped)", lang) if a.skipped
                        else a.text or t("(not answered)", lang))
                out.append("   " + who, style="italic")
                out.append(neutralise(body).replace("\n", "\n      ") + "\n")
            if item.flag:
                why = (tn("your ratings are {n} point apart", "your ratings are {n} points apart",
                          item.gap, lang) if item.flag == "rating"
                       else t("one of you said yes, the other no", lang))
                out.append("   ⚑ " + t("Talk about this", lang) + f": {why}\n", style="bold yellow")
        flagged = len(comparison.flagged)
        out.append("\n" + (tn("{flagged} of {n} answer to talk about.",
                               "{flagged} of {n} answers to talk about.", len(comparison.items),
                               lang, flagged=flagged)
                           if flagged else t("Your answers are close everywhere. Still worth "
                                              "asking: where did you hesitate?",
                                              lang)))
        return out

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#pair-go")
    def _pressed(self) -> None:
        if self._go is None:
            return
        kind, member = self._go
        if kind == "part" and member is not None:
            self._open_part(member)
        elif kind == "reveal":
            self.revealed = True
            self.refresh_state()
        elif kind == "agree":
            self._set("", None)
            self.app.push_screen(PairPartScreen(self.service, self.pair, None),
                                 lambda _: self.refresh_state())
        elif kind == "close":
            self.action_close()

    def _open_part(self, member: Member) -> None:
        self._set("", None)
        show_partner = self.mode == "terminal"
        self.app.push_screen(PairPartScreen(self.service, self.pair, member,
                                            show_partner=show_partner),
                             lambda _: self.refresh_state())

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)


class PairApp(ReflectApp):
    """The Reflect app opened on a pair (home stays underneath)."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "app.tcss")  # the app's own

    def __init__(self, store: Store, library: Library, service: PairService, pair: Pair, *,
                 me: str, mode: str, facts: FactsProvider | None = None) -> None:
        super().__init__(store, library, lang=pair.lang, facts=facts)
        self.pair_service = service
        self.pair_start = (pair, me, mode)

    def on_mount(self) -> None:
        # Textual runs ReflectApp.on_mount too (it pushes home); go on top of it after.
        pair, me, mode = self.pair_start
        self.call_later(self.push_screen,
                        PairScreen(self.pair_service, pair, me=me, mode=mode))


def make_pair_app(service: PairService, pair: Pair, *, me: str, mode: str) -> PairApp:
    """Build the pair app from its services (the CLI and the tests come through here)."""
    return PairApp(service.store, service.script_library(pair), service, pair, me=me,
                   mode=mode, facts=service.facts)


def run_pair_app(service: PairService, pair: Pair, *, me: str, mode: str) -> int:
    result = make_pair_app(service, pair, me=me, mode=mode).run()
    return result if isinstance(result, int) else 0
