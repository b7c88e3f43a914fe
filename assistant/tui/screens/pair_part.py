"""One person's part of a pair evaluation (or the joint step): the dialogue screen, bound
to a pair.

It is the ordinary `DialogueScreen` (same inputs, same worker discipline) with three
differences: the dialogue comes from the `PairService` (the person's own session, or the
joint session), finishing dismisses the screen back to the pair screen instead of
opening a single-session summary, and in two-terminal mode a line under the progress
shows the partner's progress (answered of total), read in a worker every second. Only
counts cross over: the partner's answers never reach this screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widgets import Label

from ...i18n import error_text, role_name, t
from ..messages import DialogueFailed, DialogueOpened
from .dialogue import DialogueScreen

if TYPE_CHECKING:
    from ...services.pair import Member, Pair, PairService


class PairPartScreen(DialogueScreen):
    DEFAULT_CSS = """
    PairPartScreen #pair-who, PairPartScreen #pair-partner { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, service: PairService, pair: Pair, member: Member | None, *,
                 show_partner: bool = False) -> None:
        super().__init__(session_id=member.session if member else pair.record)
        self.service = service
        self.pair = pair
        self.member = member
        self.show_partner = show_partner and member is not None

    def on_mount(self) -> None:
        who = (f"{self.member.name} ({role_name(self.member.role, self.lang)})"
               if self.member else " & ".join(m.name for m in self.pair.members))
        self.mount(Label(who, id="pair-who", markup=False), after=self.query_one("#progress"))
        if self.show_partner:
            self.mount(Label("", id="pair-partner", markup=False),
                       after=self.query_one("#pair-who"))
            self.poll_partner()
            self.set_interval(1.0, self.poll_partner)
        super().on_mount()

    @work(thread=True, exclusive=True, group="dialogue", exit_on_error=False)
    def open_dialogue(self) -> None:
        try:
            if self.member is not None:
                dialogue = self.service.dialogue(self.pair, self.member)
            else:
                dialogue = self.service.joint(self.pair)
            so_far = dialogue.stepper.answers_so_far()
            self.post_message(DialogueOpened(dialogue, dialogue.current(), so_far))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(DialogueFailed(error_text(exc, self.lang)))

    @work(thread=True, exclusive=True, group="pair-partner", exit_on_error=False)
    def poll_partner(self) -> None:
        assert self.member is not None
        pair = self.service.refresh(self.pair)
        partner = pair.partner_of(self.member)
        lang = self.lang
        if partner is None:
            line = t("(your partner has not joined yet; code {code})", lang, code=pair.code)
        elif partner.finished:
            line = t("({partner} has finished)", lang, partner=partner.name)
        else:
            p = self.service.progress(pair, partner)
            line = t("({partner}: {answered} of {total} answered)",
                      lang, partner=partner.name, answered=p.answered,
                      total=p.total)
        self.app.call_from_thread(self._show_partner, line)

    def _show_partner(self, line: str) -> None:
        found = self.query("#pair-partner")
        if found:
            found.first(Label).update(line)

    def _finish(self) -> None:
        self.busy = True
        self.dismiss(True)
