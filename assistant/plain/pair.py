"""Pair evaluation on stdin/stdout: same keyboard, or two terminals on one data home.

Each person's part is an ordinary dialogue shown by :class:`~assistant.plain.PlainFrontEnd`
(its `show` and `ask`); this module adds what is particular to pairs: the handover that
hides one person's answers from the other, the partner's progress (counts only), waiting
for the partner, the reveal with "talk about this" flags, the joint step and the pair
summary. On a terminal the handover clears the screen and its scrollback; in a pipe
there is nothing to hide.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from ..core.safe_text import neutralise
from ..i18n import N_, role_name, t, tn
from ..services.dialogue import Dialogue
from ..services.pair import Member, Pair, PairService
from .dialogue import EndOfInput, LineIO, PlainFrontEnd, isatty

CLEAR = "\033[2J\033[3J\033[H"


class _Paused(Exception):
    pass


class PairPlain(LineIO):
    def __init__(self, service: PairService, stdin: TextIO = sys.stdin,
                 stdout: TextIO = sys.stdout, *, poll: float = 0.3,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(stdin, stdout)
        self.service = service
        self.stdin = stdin
        self.out = stdout
        self.poll = poll
        self.sleep = sleep
        self.lang = "en"

    # ------------------------------------------------------------ output helpers

    def clear(self) -> None:
        if isatty(self.out):
            self.out.write(CLEAR)
            self.out.flush()
        else:
            self.say()

    def role(self, member: Member) -> str:
        return role_name(member.role, self.lang)

    def wait_enter(self) -> None:
        self.out.write("> ")
        self.out.flush()
        if self.stdin.readline() == "":
            raise _Paused
        if not isatty(self.stdin):
            self.say()

    # ------------------------------------------------------------ flows

    def same_keyboard(self, pair: Pair, first: str | None = None) -> int:
        """Both people at one keyboard: one after the other, then reveal and agree."""
        self.lang = pair.lang
        pair = self.service.refresh(pair)
        order = sorted(pair.members, key=lambda m: m.name != (first or pair.host))
        command = f"reflect pair continue {pair.code}"
        try:
            shown_one = False
            for member in order:
                if member.finished:
                    continue
                partner = pair.partner_of(member)
                partner_name = partner.name if partner else t("Your partner", self.lang)
                if shown_one:
                    self.say(t("{partner}, press Enter when you are ready.",
                               self.lang, partner=member.name))
                    self.wait_enter()
                self.say(t("{name} ({role}): these questions are for you alone. {partner} sees "
                           "your answers only when you have both finished.",
                           self.lang, name=member.name, role=self.role(member),
                           partner=partner_name))
                if partner is not None and not partner.finished:
                    self.say(t("{partner}, please look away until {name} passes you the keyboard.",
                               self.lang, partner=partner.name,
                               name=member.name))
                self.answer_part(pair, member, show_partner=False)
                pair = self.service.refresh(pair)
                self.clear()
                if partner is not None and not pair.both_done:
                    self.say(t("Thank you, {name}. Your answers are saved and hidden.\nPass the "
                               "keyboard to {partner}.",
                               self.lang, name=member.name,
                               partner=partner.name))
                shown_one = True
            if not pair.agreed:
                if shown_one:
                    self.say(t("You have both finished. Sit together and press Enter to see your "
                               "answers side by side.", self.lang))
                    self.wait_enter()
                self.reveal(pair)
                self.agree(pair)
        except _Paused:
            self.say()
            self.say(t("Paused; everything is saved. Continue with: {command}",
                       self.lang, command=command))
            return 0
        except KeyboardInterrupt:
            self.say()
            self.say(t("Paused; everything is saved. Continue with: {command}",
                       self.lang, command=command))
            return 130
        return self.finish(pair)

    def two_terminals(self, pair: Pair, member: Member) -> int:
        """One person's terminal: their part, wait for the partner, reveal, agree."""
        self.lang = pair.lang
        command = f"reflect pair join {pair.code} --name {member.name}"
        try:
            if not member.finished:
                pair = self.service.refresh(pair)
                partner = pair.partner_of(member)
                self.say(t("{name} ({role}): these questions are for you alone. {partner} sees "
                           "your answers only when you have both finished.",
                           self.lang, name=member.name, role=self.role(member),
                           partner=partner.name if partner else t("Your partner",
                                                                  self.lang)))
                self.answer_part(pair, member, show_partner=True)
        except (_Paused, KeyboardInterrupt) as exc:
            self.say()
            self.say(t("Paused; everything is saved. Continue with: {command}",
                       self.lang, command=command))
            return 130 if isinstance(exc, KeyboardInterrupt) else 0
        try:
            pair = self.wait_for(pair, lambda p: p.both_done, self._waiting_line(member))
            self.say()
            self.reveal(pair)
            if member.name == pair.host or not pair.members or pair.member(pair.host) is None:
                if not pair.agreed:
                    self.agree(pair)
            else:
                if not pair.agreed:
                    self.say(t("{host} writes down what you agree together; the summary appears "
                               "here when it is done.",
                               self.lang, host=pair.host))
                pair = self.wait_for(pair, lambda p: p.agreed, lambda p: "")
        except _Paused:
            self.say()
            self.say(t("Paused; everything is saved. Continue with: {command}",
                       self.lang, command=command))
            return 0
        except KeyboardInterrupt:
            self.say()
            self.say(t("Stopped waiting; your answers are saved. See the result later with: "
                       "reflect pair show {code}",
                       self.lang, code=pair.code))
            return 130
        return self.finish(pair)

    # ------------------------------------------------------------ pieces

    def answer_part(self, pair: Pair, member: Member, *, show_partner: bool) -> Dialogue:
        dialogue = self.service.dialogue(pair, member)
        front = PlainFrontEnd(dialogue, self.stdin, self.out)
        last = ""
        turn = dialogue.current()
        try:
            while turn.kind != "done":
                turn = self.service.preanswer(dialogue, member, turn)
                if turn.kind == "done":
                    break
                if show_partner:
                    line = self._partner_line(pair, member)
                    if line != last:
                        self.say()
                        self.say(line)
                        last = line
                front.show(turn)
                turn = front.ask(turn)
        except EndOfInput:
            raise _Paused from None
        return dialogue

    def _partner_line(self, pair: Pair, member: Member) -> str:
        pair = self.service.refresh(pair)
        partner = pair.partner_of(member)
        if partner is None:
            return t("(your partner has not joined yet; code {code})", self.lang, code=pair.code)
        if partner.finished:
            return t("({partner} has finished)", self.lang, partner=partner.name)
        p = self.service.progress(pair, partner)
        return t("({partner}: {answered} of {total} answered)",
                 self.lang, partner=partner.name, answered=p.answered,
                 total=p.total)

    def _waiting_line(self, member: Member) -> Callable[[Pair], str]:
        def line(pair: Pair) -> str:
            partner = pair.partner_of(member)
            if partner is None:
                return t("Waiting for your partner to join with code {code}. (Ctrl+C stops "
                         "waiting; your answers are saved.)",
                         self.lang, code=pair.code)
            p = self.service.progress(pair, partner)
            return t("Waiting for {partner}: {answered} of {total} answered. (Ctrl+C stops "
                     "waiting; your answers are saved.)",
                     self.lang, partner=partner.name, answered=p.answered,
                     total=p.total)
        return line

    def wait_for(self, pair: Pair, ready: Callable[[Pair], bool],
                 line: Callable[[Pair], str]) -> Pair:
        """Poll the store until `ready(pair)`, saying what changed (progress only)."""
        last = None
        while True:
            pair = self.service.refresh(pair)
            if ready(pair):
                return pair
            text = line(pair)
            if text and text != last:
                self.say(text)
                last = text
            self.sleep(self.poll)

    def reveal(self, pair: Pair) -> None:
        comparison = self.service.compare(pair)
        self.say("== " + t("Your answers side by side", self.lang) + " ==")
        width = max((len(f"{m.name} ({self.role(m)})") for m in pair.members), default=0)
        for n, item in enumerate(comparison.items, 1):
            self.say()
            self.say(f"{n}. {item.prompt}")
            for a in item.answers:
                who = f"{a.name} ({role_name(a.role, self.lang)})"
                if a.skipped:
                    text = t("(skipped)", self.lang)
                else:
                    text = a.text or t("(not answered)", self.lang)
                lines = neutralise(text).splitlines() or [""]
                self.say(f"   {who + ':':<{width + 1}} {lines[0]}")
                for rest in lines[1:]:
                    self.say(f"   {'':<{width + 1}} {rest}")
            if item.flag:
                why = (tn("your ratings are {n} point apart", "your ratings are {n} points apart",
                          item.gap, self.lang) if item.flag == "rating"
                       else t("one of you said yes, the other no", self.lang))
                self.say("   >> " + t("Talk about this", self.lang) + f": {why}")
        self.say()
        flagged = len(comparison.flagged)
        self.say(tn("{flagged} of {n} answer to talk about.",
                    "{flagged} of {n} answers to talk about.", len(comparison.items), self.lang,
                    flagged=flagged)
                 if flagged else t("Your answers are close everywhere. Still worth asking: where "
                                   "did you hesitate?",
                                   self.lang))

    def agree(self, pair: Pair) -> None:
        names = " & ".join(m.name for m in pair.members)
        self.say()
        self.say(t("Together now, at one keyboard: {names}.", self.lang, names=names))
        joint = self.service.joint(pair)
        front = PlainFrontEnd(joint, self.stdin, self.out)
        turn = joint.current()
        try:
            while turn.kind != "done":
                front.show(turn)
                turn = front.ask(turn)
        except EndOfInput:
            raise _Paused from None

    def finish(self, pair: Pair) -> int:
        self.say()
        self.out.write(self.service.summary(pair))
        self.say()
        self.say(t("Finished. Show this again with: reflect pair show {code}",
                   self.lang, code=pair.code))
        return 0

    def status(self, pair: Pair) -> int:
        """`reflect pair show CODE`: progress while unfinished, the summary after."""
        self.lang = pair.lang
        pair = self.service.refresh(pair)
        if pair.both_done:
            self.out.write(self.service.summary(pair))
            return 0
        self.say(t("Pair code: {code}. Your partner joins from another terminal with:\n  reflect "
                   "pair join {code} --name NAME", self.lang, code=pair.code))
        for m in pair.members:
            p = self.service.progress(pair, m)
            key = (N_("{name} ({role}): finished") if p.finished
                   else N_("{name} ({role}): {answered} of {total} answered"))
            self.say(t(key, self.lang, name=m.name, role=self.role(m), answered=p.answered,
                       total=p.total))
        return 0
