"""The `reflect` command: argument parsing, then one small function per command.

Commands import what they need lazily, so `reflect list`, `sessions` and `validate`
start like a small CLI (no Textual, no nltk). Exit codes: 0 ok, 1 a user error (one
clear message, never a traceback), 2 bad usage (argparse).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from .. import __version__
from ..core import LANGS
from ..core.errors import UserError

if TYPE_CHECKING:
    import argparse



def _lang(value: str) -> str:
    value = value.strip().lower()
    if value not in LANGS:
        import argparse

        raise argparse.ArgumentTypeError(f"unknown language '{value}' (use en, de or da)")
    return value


def _langs(value: str) -> list[str]:
    return [_lang(v) for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where sessions are kept (default: $REFLECT_HOME or the "
                             "platform's user data folder)")
    common.add_argument("--prompts", metavar="DIR", default=argparse.SUPPRESS,
                        help="also read dialogue scripts from DIR (your own, on top of "
                             "the bundled ones; one of the same id wins)")
    common.add_argument("--rules", metavar="DIR", default=argparse.SUPPRESS,
                        help="also read rule sets from DIR (on top of the bundled ones)")
    parser = argparse.ArgumentParser(
        prog="reflect", parents=[common],
        description="Reflect: guided, private mentoring dialogues. Without a command it "
                    "opens the app.")
    parser.add_argument("--version", action="version", version=f"reflect {__version__}")
    parser.add_argument("--lang", type=_lang, default=argparse.SUPPRESS,
                        help="language of the app: en, de or da")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, parents=[common])

    p = add("list", "list the dialogues you can run")
    p.add_argument("--lang", type=_lang, default=argparse.SUPPRESS)

    p = add("run", "start a dialogue")
    p.add_argument("script", metavar="ID", help="the dialogue, e.g. goal-clarification")
    p.add_argument("--plain", action="store_true", help="line by line on stdin/stdout")
    p.add_argument("--lang", type=_lang, default=argparse.SUPPRESS, help="en, de or da")

    p = add("resume", "continue an unfinished session (the latest one by default)")
    p.add_argument("session", metavar="SESSION", nargs="?", help="session id or its first letters")
    p.add_argument("--plain", action="store_true", help="line by line on stdin/stdout")

    p = add("sessions", "list your sessions, newest first")
    p.add_argument("--status", choices=("in_progress", "finished"))
    p.add_argument("--script", metavar="ID")
    p.add_argument("--limit", type=int, default=50, help="how many (default 50; 0 for all)")

    p = add("search", "find sessions whose answers contain words")
    p.add_argument("words", nargs="+")

    p = add("summary", "print the summary of a session")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--format", choices=("md", "json", "html"), default="md")
    p.add_argument("-o", "--output", metavar="FILE|FOLDER",
                   help="save to FILE, or into FOLDER, instead of printing it")

    p = add("export", "everything you stored, as JSON, saved in your documents folder "
                      "(Reflect/reflect-export-DATE.json)")
    p.add_argument("-o", "--output", metavar="FILE|FOLDER",
                   help="save to FILE or into FOLDER instead ('-' prints it)")

    p = add("delete", "delete a session and all its answers")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")

    p = add("validate", "check dialogue scripts, rule sets and translations")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--lang", type=_langs, default=[], metavar="L[,L]",
                   help="also require complete, current translations for these languages")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")

    p = add("translate", "write or update the string tables of scripts and rule sets")
    p.add_argument("files", nargs="+", metavar="FILE", help="English script or rule set files")
    p.add_argument("--lang", type=_langs, required=True, metavar="L[,L]",
                   help="the languages to write tables for: de, da")

    p = add("test", "run transcript tests of dialogue scripts")
    p.add_argument("transcripts", nargs="*", metavar="TRANSCRIPT",
                   help="files or folders (default: the transcripts/ folder of --prompts)")

    p = add("pair", "evaluate a mentoring partnership together: each answers privately, "
                    "then both see the answers side by side")
    p.add_argument("words", nargs="*", metavar="ARGS",
                   help="[SCRIPT] (both at this keyboard) | start [SCRIPT] | join CODE | "
                        "continue CODE | show CODE")
    p.add_argument("--me", "--name", dest="name", metavar="NAME", help="your name")
    p.add_argument("--role", choices=("mentor", "mentee"), help="your role")
    p.add_argument("--partner", metavar="NAME", help="your partner's name (same keyboard)")
    p.add_argument("--plain", action="store_true", help="line by line on stdin/stdout")
    p.add_argument("--lang", type=_lang, default=argparse.SUPPRESS, help="en, de or da")

    p = add("practice", "practise active listening: answer scripted mentees, get each reply "
                        "coded, see a scorecard")
    p.add_argument("--lang", type=_lang, default=argparse.SUPPRESS, help="en, de or da")
    p.add_argument("--scenario", metavar="ID", action="append",
                   help="practise this scenario (repeat for several; default: all)")
    p.add_argument("--plain", action="store_true", help="line by line on stdin/stdout")
    p.add_argument("--list", action="store_true", help="list the scenarios and stop")
    p.add_argument("--progress", action="store_true",
                   help="print your progress over all practice sessions (Markdown)")
    p.add_argument("--drill", action="store_true",
                   help="short exercises on your weakest measure, with a before/after figure")
    p.add_argument("--export-disagreements", nargs="?", const="", default=None,
                   metavar="FILE", help="write the codes you marked as wrong (:wrong) as "
                                        "JSON lines, for the team (default: documents folder)")
    p = add("lock", "encrypt your data home with a passphrase (SQLCipher); when it is "
                    "locked already, lock it again now after `reflect unlock`")
    p.add_argument("--off", action="store_true",
                   help="remove the lock: decrypt the data home (asks for the passphrase)")
    p = add("unlock", "open a locked data home for a while: the key stays in memory only")
    p.add_argument("--for", dest="minutes", type=float, default=30, metavar="MINUTES",
                   help="lock again after this many minutes without use (default 30)")
    add("passphrase", "change the passphrase of a locked data home")
    p = add("serve", "run the app for a browser: each tab its own Reflect on this data home "
                     "(pair mode from two places)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this computer only; "
                        "another one exposes your answers to the network, with a warning)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.add_argument("--lang", type=_lang, default=argparse.SUPPRESS, help="en, de or da")
    return parser


#: What `reflect` (the app, no command) takes: option -> attribute.
APP_OPTIONS = {"--data-dir": "data_dir", "--prompts": "prompts", "--rules": "rules",
               "--lang": "lang"}


def _app_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`reflect [--lang L] [--data-dir DIR] ...` (the app, no command) without argparse:
    building every command's parser cost ≈ 5 ms of start-up, importing argparse ≈ 1 ms.
    Only plain `--option value` and `--option=value` are read here; anything else (a
    command, help, version, an abbreviation, a bad value) returns None and the full
    parser handles it, errors included. A test checks that both agree."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in COMMANDS or a in ("-h", "--help", "--version") for a in args):
        return None
    found: dict[str, str] = {}
    rest = iter(args)
    for arg in rest:
        option, equals, value = arg.partition("=")
        if option not in APP_OPTIONS:
            return None
        if not equals:
            following = next(rest, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        if option == "--lang":
            value = value.strip().lower()
            if value not in LANGS:
                return None
        found[APP_OPTIONS[option]] = value
    return SimpleNamespace(command=None, **found)  # type: ignore[return-value]


#: The commands (`cmd_*`); anything else on the command line is an option or its value.
COMMANDS = ("list", "run", "resume", "sessions", "search", "summary", "export", "delete",
            "validate", "translate", "test", "pair", "practice", "lock", "unlock",
            "passphrase", "serve")
#: The commands that read or write answers: on a locked data home they need its key.
_ANSWER_COMMANDS = (None, "run", "resume", "sessions", "search", "summary", "export",
                    "delete", "pair", "practice")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command: its result, or one clear message and exit 1, never a traceback.

    This is the error boundary of every command. Errors a person can fix say what to
    do (`UserError`, a broken script, the store's `StoreError`, a full disk); anything
    else is a bug, reported in one line with the command and how to see the details
    (`REFLECT_DEBUG=1` lets the traceback through). Ctrl-C exits 130 everywhere.
    """
    command = "reflect"
    try:
        if not _streams_ready():
            return 1
        args = _app_args(argv)
        parser = None
        if args is None:
            parser = build_parser()
            args = parser.parse_args(argv)
        if args.command:
            command = f"reflect {args.command}"
        return _dispatch(parser, args)
    except UserError as exc:
        print(exc.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nreflect: stopped; everything confirmed so far is saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (`| head`): nothing left to say
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback
        if os.environ.get("REFLECT_DEBUG"):
            raise
        print(_describe(exc, command), file=sys.stderr)
        return 1
    finally:
        _finish_stdout()


def _streams_ready() -> bool:
    """A closed stdin reads as empty; a closed stdout is an error said on stderr."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115 - end of input at once
    if sys.stdout is None:
        print("reflect: the standard output is closed, so Reflect has nowhere to show "
              "anything; nothing was done.\n  Run it with its output open (a terminal, "
              "a file or a pipe).", file=sys.stderr)
        return False
    return True


def _describe(exc: Exception, command: str) -> str:
    from ..core.diagnostics import LoadError
    from ..store import StoreError

    if isinstance(exc, LoadError):
        return f"{exc}\nreflect: the dialogue has errors; run `reflect validate` on it"
    if isinstance(exc, StoreError):
        return f"reflect: {exc}"
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return (f"reflect: `{command}` could not read or write{where}: {exc.strerror}. "
                "Nothing you confirmed is lost.\n  Free some space or check the "
                "folder's permissions, then run it again.")
    if isinstance(exc, UnicodeError):
        return (f"reflect: `{command}` was given text that is not valid UTF-8 ({exc.reason})."
                "\n  Retype it, or check your terminal's encoding (UTF-8).")
    detail = " ".join(str(exc).split())[:200]
    return (f"reflect: `{command}` stopped on an unexpected error ({type(exc).__name__}"
            f"{': ' + detail if detail else ''}); nothing you confirmed is lost.\n  This is "
            "a bug in Reflect: run it again with REFLECT_DEBUG=1 to see the details for a "
            "bug report.")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _finish_stdout() -> None:
    """Flush stdout inside the boundary: a full disk or a closed pipe is reported (or
    ignored, for a pipe) here instead of as "Exception ignored" at interpreter exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _dispatch(parser: argparse.ArgumentParser | None, args: argparse.Namespace) -> int:
    command = args.command
    if command in _ANSWER_COMMANDS:
        from .lock import unlock_for_command

        unlock_for_command(_data_dir(args))
    if command is None:
        return cmd_app(args)
    handler = globals()[f"cmd_{command}"]
    return handler(args)


def _data_dir(args: argparse.Namespace) -> str | None:
    return getattr(args, "data_dir", None)


def _user_lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None) or os.environ.get("REFLECT_LANG", "en")
    if isinstance(lang, list):
        lang = lang[0] if lang else "en"
    return lang if lang in LANGS else "en"


def _library(args: argparse.Namespace):
    """The content every command reads: the bundled dialogues and rule sets, with the
    author's `--prompts` and `--rules` folders on top (`Library.layered`)."""
    from ..services.library import Library

    prompts = getattr(args, "prompts", None)
    rules = getattr(args, "rules", None)
    for what, folder in (("prompts", prompts), ("rules", rules)):
        if folder is not None and not Path(folder).is_dir():
            raise UserError(f"the {what} folder {folder} does not exist",
                            f"give an existing folder to --{what}")
    return Library.layered(prompts, rules)


def _store(args: argparse.Namespace, *, summaries: bool = False, read_only: bool = False):
    """The store; with `summaries`, compiled summary templates are kept beside it (for
    the commands that render them; the others need not import Jinja2). `read_only`
    for the commands that only read: they work on a read-only or full data home."""
    from ..store import Store

    store = Store.open(_data_dir(args), read_only=read_only)
    if summaries:
        from ..services.templates import use_cache_in

        use_cache_in(store.home)
    return store


def _write(text: str, output: str | None, name: str) -> None:
    """Save an export where the person chose (`assistant.exports`), or stdout for `-`,
    and say where it went."""
    if output == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout()
            raise UserError(f"cannot write to the standard output: {exc.strerror}",
                            "free some space, or save to a file instead (without -o -, "
                            "or with -o FILE)") from None
        return
    from ..services.exports import target, write_private

    given = output is not None and output.endswith(("/", os.sep))
    path = write_private(target(output, name), text, create=given)
    private = " (readable only by you)" if path.is_file() else ""  # not for /dev/stdout
    print(f"Saved to {path}{private}.", file=sys.stderr)


def interactive() -> bool:
    """Whether stdin and stdout are a terminal (the app needs one; the benchmark says yes),
    or this is a browser tab of `reflect serve` (textual-serve runs the app with its web
    driver)."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _tui_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("assistant.tui.app") is not None


# --------------------------------------------------------------------------- commands


def cmd_app(args: argparse.Namespace) -> int:
    if not _tui_available() or not interactive():
        build_parser().print_help()
        return 0
    from ..tui.app import run_app

    custom = getattr(args, "prompts", None) or getattr(args, "rules", None)
    chosen = getattr(args, "lang", None) or os.environ.get("REFLECT_LANG")
    # Without --lang (or REFLECT_LANG) the app opens in the language chosen there last.
    return run_app(data_dir=_data_dir(args), lang=_user_lang(args) if chosen else None,
                   library=_library(args) if custom else None)


def cmd_list(args: argparse.Namespace) -> int:
    from ..core.diagnostics import LoadError

    lib = _library(args)
    lang = _user_lang(args)
    problems = lib.unreadable_scripts()
    for script_id in lib.script_ids():
        try:
            script = lib.script(script_id, lang)
        except LoadError as exc:  # list the others, then say which could not be loaded
            problems.append(exc.diagnostics[0])
            continue
        minutes = f"~{script.minutes} min" if script.minutes else ""
        print(f"{script.id:<24} {minutes:<9} {script.title}")
        if script.purpose:
            print(f"{'':<24} {'':<9} {script.purpose}")
    if problems:
        print("reflect: these dialogues have errors and are not listed:", file=sys.stderr)
        for diag in sorted(problems, key=lambda d: d.file):
            print("  " + diag.format().replace("\n", "\n  "), file=sys.stderr)
        print("  run `reflect validate` on them for every error", file=sys.stderr)
        return 1
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from ..services.library import analysis_facts

    lib = _library(args)
    lang = _user_lang(args)
    lib.script(args.script, lang)  # a missing or broken script fails before anything is stored
    if not args.plain and interactive() and _tui_available():
        from ..tui.app import run_app

        return run_app(data_dir=_data_dir(args), lang=lang, start=args.script, library=lib)
    from ..plain.dialogue import PlainFrontEnd
    from ..services.dialogue import Dialogue

    with _store(args, summaries=True) as store:
        dialogue = Dialogue.start(store, lib, args.script, lang, facts=analysis_facts())
        return PlainFrontEnd(dialogue).run()


def cmd_resume(args: argparse.Namespace) -> int:
    from ..plain.dialogue import PlainFrontEnd
    from ..services.dialogue import Dialogue
    from ..services.library import analysis_facts

    lib = _library(args)
    with _store(args, summaries=True) as store:
        if args.session:
            info = store.session(args.session)
            _only_dialogues(info, "resume")
        else:
            open_ = [s for s in store.sessions(status="in_progress", limit=200)
                     if s.mode == "solo"]
            if not open_:
                raise UserError("there is no unfinished session to resume",
                                "start one with `reflect run ID` (see `reflect list`)")
            info = open_[0]
        if info.status == "finished":
            raise UserError(f"session {info.id} is already finished",
                            f"see it with `reflect summary {info.id}`")
        if not args.plain and interactive() and _tui_available():
            from ..tui.app import run_app

            return run_app(data_dir=_data_dir(args), lang=info.lang, resume=info.id,
                           library=lib)
        dialogue = Dialogue.resume(store, lib, info.id, facts=analysis_facts())
        return PlainFrontEnd(dialogue).run(resumed=True)


def _only_dialogues(info, action: str) -> None:
    """Pair and practice sessions have their own commands; say which, instead of failing."""
    if info.mode == "pair":
        code = info.meta.get("pair", "CODE")
        how = (f"reflect pair continue {code}" if action == "resume"
               else f"reflect pair show {code}")
        raise UserError(f"session {info.id} is part of the pair evaluation {code}",
                        f"use `{how}`")
    if info.mode == "practice":
        how = "reflect practice" if action == "resume" else "reflect practice --progress"
        raise UserError(f"session {info.id} is a listening practice session",
                        f"use `{how}`")


def _when(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def cmd_sessions(args: argparse.Namespace) -> int:
    with _store(args, read_only=True) as store:
        rows = store.sessions(status=args.status, script=args.script,
                              limit=args.limit or None)
        state = f"Data home {store.home}: {'locked' if store.locked else 'not locked'}"
    if not rows:
        print("No sessions yet. Start one with `reflect run goal-clarification`.")
        print(state)
        return 0
    print(f"{'SESSION':<10} {'DIALOGUE':<24} {'LANG':<5} {'STATUS':<12} {'ANSWERS':>7}  UPDATED")
    for s in rows:
        status = "finished" if s.status == "finished" else "in progress"
        name = s.script if s.mode in ("solo", "practice") else f"{s.script} ({s.mode})"
        print(f"{s.id:<10} {name:<24} {s.lang:<5} {status:<12} {s.answered:>7}  "
              f"{_when(s.updated)}")
    print(state)  # whether the answers are encrypted on disk (`reflect lock`)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from ..core.safe_text import neutralise

    with _store(args, read_only=True) as store:
        hits = store.search(" ".join(args.words))
    if not hits:
        print("No answers match.")
        return 0
    for info, step, snippet in hits:
        print(f"{info.id}  {info.script:<22} {step:<16} {neutralise(snippet)}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from ..services.dialogue import Dialogue

    lib = _library(args)
    with _store(args, summaries=True, read_only=True) as store:
        _only_dialogues(store.session(args.session), "summary")
        dialogue = Dialogue.resume(store, lib, args.session)
        text = dialogue.summary(args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from ..services.exports import summary_name

        _write(text, args.output, summary_name(dialogue.info.script, dialogue.id, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.safe_text import json_text
    from ..services.exports import export_name

    with _store(args, read_only=True) as store:
        data = store.export_all()
    text = json_text(json.dumps(data, ensure_ascii=False, indent=2))  # lossless, shown safely
    _write(text + "\n", args.output, export_name())
    damaged = [f"the details of session {s['id']}" for s in data["sessions"] if "damaged" in s]
    damaged += [f"event {e['seq']} of session {s['id']}" for s in data["sessions"]
                for e in s["events"] if "damaged" in e]
    if damaged:
        shown = ", ".join(damaged[:10]) + (f" and {len(damaged) - 10} more"
                                           if len(damaged) > 10 else "")
        print(f"reflect: everything was exported, but {len(damaged)} stored "
              f"{'row is' if len(damaged) == 1 else 'rows are'} damaged (not valid JSON) "
              f"and went into the export as raw text (\"damaged\"): {shown}.",
              file=sys.stderr)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        info = store.session(args.session)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(f"not deleting session {info.id} without confirmation",
                                f"run `reflect delete {info.id} --yes`")
            from ..i18n import tn

            # The command line speaks English; the count still takes its form.
            reply = input(tn("Delete the session {id} ({title}, {n} answer)? This cannot be "
                             "undone.",
                             "Delete the session {id} ({title}, {n} answers)? This cannot be "
                             "undone.", info.answered, "en", id=info.id,
                             title=info.title or info.script) + " [y/N] ")
            if reply.strip().lower() not in ("y", "yes", "j", "ja"):
                print("Nothing deleted.")
                return 0
        wiped = store.delete_session(info.id)
    print(f"Deleted session {info.id}.")
    if not wiped:
        print("reflect: another Reflect is reading this data home right now, so older "
              "copies of the session's text stay in the database's write-ahead log until "
              "it closes.\n  Close the other Reflect; the log is emptied when the last "
              "one closes.", file=sys.stderr)
        return 1
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    from .lock import cmd_lock as lock

    return lock(_data_dir(args), args.off)


def cmd_unlock(args: argparse.Namespace) -> int:
    from .lock import cmd_unlock as unlock

    if not args.minutes > 0:
        raise UserError("--for needs a number of minutes above 0", "e.g. --for 15")
    return unlock(_data_dir(args), args.minutes)


def cmd_passphrase(args: argparse.Namespace) -> int:
    from .lock import cmd_passphrase as passphrase

    return passphrase(_data_dir(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import cmd_serve as serve

    if not 0 < args.port < 65536:
        raise UserError(f"--port {args.port} is not a port", "give a number from 1 to 65535")
    return serve(_data_dir(args), args.host, args.port, _user_lang(args))


def cmd_validate(args: argparse.Namespace) -> int:
    from ..core.diagnostics import WARNING
    from ..services.validate import collect_files, validate

    diags = validate(args.paths, args.lang, library=_library(args))
    for d in diags:
        print(d.format())
    errors = [d for d in diags if d.severity != WARNING or args.strict]
    files = len(collect_files(args.paths))
    warnings = sum(1 for d in diags if d.severity == WARNING)
    from ..i18n import tn

    print(tn("{n} file checked", "{n} files checked", files, "en") + ": "
          + tn("{n} error", "{n} errors", len(diags) - warnings, "en") + ", "
          + tn("{n} warning", "{n} warnings", warnings, "en"), file=sys.stderr)
    return 1 if errors else 0


def cmd_translate(args: argparse.Namespace) -> int:
    from ..services.translate import translate

    for lang in args.lang:
        for file in args.files:
            print(translate(Path(file), lang).describe())
    print("Write each translation over its English text, then run `reflect validate`.",
          file=sys.stderr)
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from ..services.transcript import run_paths

    lib = _library(args)
    paths = args.transcripts
    if not paths:
        prompts = getattr(args, "prompts", None)
        if prompts is None or not (Path(prompts) / "transcripts").is_dir():
            raise UserError("no transcripts to run",
                            "give transcript files or folders, or --prompts DIR with a "
                            "DIR/transcripts/ folder")
        paths = [Path(prompts) / "transcripts"]
    failures, count = run_paths(paths, lib)
    for failure in failures:
        print(failure)
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0



def cmd_pair(args: argparse.Namespace) -> int:
    from .pair import run

    return run(args, lang=_user_lang(args), data_dir=_data_dir(args))


def cmd_practice(args: argparse.Namespace) -> int:
    from ..services.practice import load_bank, progress, progress_markdown, select

    lang = _user_lang(args)
    bank = load_bank(lang)
    if args.list:
        for s in bank.scenarios:
            print(f"{s.id:<34} {s.topic}")
        return 0
    if args.progress:
        with _store(args) as store:
            sys.stdout.write(progress_markdown(progress(store), lang))
        return 0
    if args.export_disagreements is not None:
        from ..i18n import tn
        from ..services.practice import export_disagreements

        with _store(args, read_only=True) as store:
            path, n = export_disagreements(store, args.export_disagreements or None)
        print(tn("{n} mark written to {path}", "{n} marks written to {path}", n, lang, path=path))
        return 0
    if args.drill:
        return _drill(args, lang)
    select(bank, args.scenario)  # an unknown id fails before anything is stored
    if not args.plain and interactive():
        import importlib.util

        if importlib.util.find_spec("assistant.tui.practice") is not None:
            from ..tui.practice import run_practice_app

            return run_practice_app(data_dir=_data_dir(args), lang=lang,
                                    scenarios=args.scenario)
    from ..plain.practice import PlainPractice
    from ..services.practice import PracticeRun

    with _store(args) as store:
        run = PracticeRun.start(store, lang, scenarios=args.scenario)
        return PlainPractice(run).run()

def _drill(args: argparse.Namespace, lang: str) -> int:
    if not args.plain and interactive():
        import importlib.util

        if importlib.util.find_spec("assistant.tui.screens.drill") is not None:
            from ..tui.practice import run_practice_app

            return run_practice_app(data_dir=_data_dir(args), lang=lang, drill=True)
    from ..plain.drill import PlainDrill
    from ..services.drill import DrillRun

    with _store(args) as store:
        return PlainDrill(DrillRun.start(store, lang)).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
