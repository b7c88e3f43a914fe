"""`reflect pair ...`: turns the command line into a pair and hands it to a front end.

    reflect pair [SCRIPT] --me ANA --role mentor --partner BEN   both at this keyboard
    reflect pair start [SCRIPT] --name ANA --role mentor         prints a join code
    reflect pair join CODE --name BEN                            the other terminal
    reflect pair continue CODE                                   same keyboard, after a pause
    reflect pair show CODE                                       progress, or the summary

SCRIPT is a dialogue id (default `evaluation-reflection`) or the path of a script file,
so a coordinator can try a new evaluation in pairs before it is bundled.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import UserError

KEYWORDS = ("start", "join", "continue", "show")


def _script(words: list[str]) -> tuple[str, str | None]:
    from ..services.pair import DEFAULT_SCRIPT

    if not words:
        return DEFAULT_SCRIPT, None
    if len(words) > 1:
        raise UserError(f"unexpected '{' '.join(words[1:])}'", "give at most one SCRIPT")
    given = words[0]
    path = Path(given)
    if given.endswith((".yaml", ".yml")) and path.is_file():
        return path.stem, str(path.resolve().parent)
    return given, None


def _name(args: argparse.Namespace, what: str = "--name") -> str:
    if not args.name:
        raise UserError("pair mode needs your name", f"add {what} YOUR-NAME")
    return args.name


def run(args: argparse.Namespace, *, lang: str, data_dir: str | None) -> int:
    from ..plain.pair import PairPlain
    from ..services.library import analysis_facts
    from ..services.pair import PairService, other_role
    from ..store import Store

    words = list(args.words)
    action = words.pop(0) if words and words[0] in KEYWORDS else "keyboard"
    if action in ("join", "continue", "show") and len(words) != 1:
        raise UserError(f"`reflect pair {action}` needs the pair's code",
                        f"for example: reflect pair {action} K7M2QX")
    with Store.open(data_dir) as store:
        service = PairService(store, facts=analysis_facts())
        front = PairPlain(service)
        if action == "keyboard":
            script, prompts = _script(words)
            me = _name(args, "--me")
            if not args.partner:
                raise UserError("pair mode at one keyboard needs your partner's name",
                                "add --partner NAME (or use `reflect pair start` for two "
                                "terminals)")
            role = args.role or "mentor"
            pair = service.create(script, lang, host=me, prompts=prompts)
            service.join(pair.code, me, role)
            pair, _ = service.join(pair.code, args.partner, other_role(role))
            return _tui_or(args, front, "keyboard", pair, me, lambda: front.same_keyboard(pair, me))
        if action == "start":
            script, prompts = _script(words)
            me = _name(args)
            pair = service.create(script, lang, host=me, prompts=prompts)
            pair, member = service.join(pair.code, me, args.role or "mentor")
            front.lang = pair.lang
            front.say(service_code_line(pair))
            return _tui_or(args, front, "terminal", pair, me,
                           lambda: front.two_terminals(pair, member))
        pair = service.pair(words[0])
        if action == "show":
            return front.status(pair)
        if action == "continue":
            return front.same_keyboard(pair)
        pair, member = service.join(pair.code, _name(args), args.role)
        return _tui_or(args, front, "terminal", pair, member.name,
                       lambda: front.two_terminals(pair, member))


def service_code_line(pair) -> str:
    from ..i18n import t

    return t("Pair code: {code}. Your partner joins from another terminal with:\n  reflect pair "
             "join {code} --name NAME", pair.lang, code=pair.code)


def _tui_or(args, front, mode, pair, me, plain) -> int:
    """The TUI when on a terminal and available, else the plain front end."""
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        import importlib.util

        if importlib.util.find_spec("assistant.tui.screens.pair") is not None and \
                importlib.util.find_spec("assistant.tui.app") is not None:
            from ..tui.screens.pair import run_pair_app

            return run_pair_app(front.service, pair, me=me, mode=mode)
    return plain()
