"""The benchmark's child process: start one app headless, report, exit.

Run as a file (`python .../child.py MODE WHICH [DATA_DIR]`), never imported by the app,
so the bare Textual app pays for nothing of Reflect's but this small file.

- `startup reflect DIR`: `reflect --data-dir DIR` exactly as a user starts it (through
  `assistant.cli.main`), headless; it exits when the home screen is first idle and the
  library and analysis, prepared in the background, are ready (`prepared`).
- `startup bare`: a bare Textual app (Header, one Static, Footer), started the same way.
- `memory reflect DIR`: `reflect run goal-clarification`, answered to the end through the
  real widgets (see `pilot.py`), then the summary; `memory bare`: the bare app, idle.

Both apps are run by patching `App.run` to add `headless=True` and an auto-pilot, so
they go through the same code path. "Home screen first idle" means: the first frame is
up (Textual's ready callback), the screen and its widgets have processed every pending
message, every worker the screen started has finished (not the analysis warm-up, which
by design runs after the home screen is up), and the screen has repainted once more.

Prints one JSON line: `ready` (time.monotonic() at that moment, comparable with the
parent's clock on Linux), `exited` and `maxrss_kb` (peak resident memory, VmHWM).
"""

from __future__ import annotations

import sys

if __name__ == "__main__" and sys.path and sys.path[0].endswith("bench"):
    del sys.path[0]  # this folder must not shadow installed modules

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

from textual.app import App  # noqa: E402

RESULT: dict[str, float] = {}
BACKGROUND = ("preload",)  # worker groups that are not part of "the screen is ready"


async def _until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get idle in time")
        await asyncio.sleep(0.0005)


async def _drained(app) -> None:  # type: ignore[no-untyped-def]
    """Until the app, its screen and every widget on it have handled the messages they
    had: each is asked to call back after them (`call_later`, as Pilot does inside;
    `Pilot.pause()` would also sleep ≥ 20 ms)."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    left = 0
    done = asyncio.Event()

    def one() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    for node in nodes:
        if node.call_later(one):
            left += 1
    if left:
        await asyncio.wait_for(done.wait(), 30.0)


async def _idle(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await _drained(app)

    def settled() -> bool:
        return not any(w for w in app.workers
                       if w.group not in BACKGROUND and not w.is_finished)

    await _until(settled)
    await _drained(app)
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def exit_when_idle(pilot) -> None:  # type: ignore[no-untyped-def]
    await _idle(pilot)
    RESULT["ready"] = time.monotonic()
    if hasattr(pilot.app, "prepare"):
        # Not part of "ready": when the library and the analysis, prepared in the
        # background after the first frame, are there too (reported beside the ratio).
        await _until(lambda: pilot.app.preloaded or pilot.app.services_error is not None)
        RESULT["prepared"] = time.monotonic()
    pilot.app.exit()


async def dialogue_then_exit(pilot) -> None:  # type: ignore[no-untyped-def]
    from tools.bench.pilot import run_dialogue

    await _idle(pilot)
    info = await run_dialogue(pilot.app)
    RESULT["turns"] = info["turns"]
    await _idle(pilot)
    RESULT["ready"] = time.monotonic()
    pilot.app.exit()


def _patch_run(auto_pilot) -> None:  # type: ignore[no-untyped-def]
    original = App.run

    def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["headless"] = True
        kwargs["auto_pilot"] = auto_pilot
        return original(self, *args, **kwargs)

    App.run = run  # type: ignore[method-assign]


def peak_rss_kb() -> int:
    """This process's peak resident set. VmHWM belongs to the process image, while
    getrusage's ru_maxrss survives exec and so can report the (bigger) parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bare_app() -> App:
    from textual.app import ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Bare()


def main(argv: list[str]) -> int:
    mode, which = argv[0], argv[1]
    dialogue = mode == "memory" and which != "bare"
    _patch_run(dialogue_then_exit if dialogue else exit_when_idle)
    if which == "bare":
        bare_app().run()
    else:
        import assistant.cli.main as cli

        cli.interactive = lambda: True  # headless needs no terminal
        args = ["--data-dir", argv[2]]
        if mode == "memory":
            args += ["run", "goal-clarification"]
        code = cli.main(args)
        if code:
            return code
    RESULT["exited"] = time.monotonic()
    RESULT["maxrss_kb"] = peak_rss_kb()
    print(json.dumps(RESULT), flush=True)
    return 0 if "ready" in RESULT else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
