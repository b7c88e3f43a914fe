"""Drive the real TUI through a whole dialogue, the way a person would, and time it.

Used in-process for turn latency and in a child process for peak memory. Answers go in
through the real widgets: text is placed in the focused field and sent with the Send
key (typing speed is not what we measure), choices and ratings with their digit keys,
yes/no with y/n, info and review with the Send key. Key events are posted like the
terminal driver posts them, not with `Pilot.press`, which waits for the whole process to
go idle (at least 20 ms) and would hide the latency we are after.

One sample is "answer submitted → next prompt rendered": from posting the key to the
moment the next turn's input widget is mounted and focused and the screen has refreshed.
The store's checkpoint after a turn, which the app runs while the person reads and
types, has finished before the next answer is sent, as it would for a person.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from .answers import Answerer

POLL_S = 0.0005

#: Whether the TUI run adds a second first step (the script's loop), so the review step
#: lists a looped step twice.
LOOP = True


async def until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(POLL_S)


async def refreshed(app: App) -> None:
    """Wait for the screen to process its queue and repaint."""
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def drained(app: App) -> None:
    """Until the app, its screen and every widget on it have handled the messages they
    had: each is asked to call back after them (`call_later`, as Pilot does inside;
    `Pilot.pause()` would also sleep ≥ 20 ms)."""
    left = 0
    done = asyncio.Event()

    def one() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    for node in [app, *app.screen.walk_children(with_self=True)]:
        if node.call_later(one):
            left += 1
    if left:
        await asyncio.wait_for(done.wait(), 30.0)


async def settle(app: App, background: tuple[str, ...] = ("preload",)) -> None:
    """Wait until the screen has processed its messages, the workers it started have
    finished (not those in `background`) and it has repainted: idle, as a person sees it."""
    await drained(app)
    await until(lambda: not any(w for w in app.workers
                                if w.group not in background and not w.is_finished))
    await drained(app)
    await refreshed(app)


def _key(app: App, key: str) -> None:
    char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app.post_message(event)


def _ready(screen: Any, previous: Any) -> bool:
    """The screen shows a new turn whose input widget is mounted and holds the focus."""
    if screen.busy or screen.turn is None or screen.turn is previous:
        return False
    widget = screen.answer_input
    if widget is None or not widget.is_mounted:
        return False
    focused = screen.focused
    return focused is not None and (focused is widget or widget in focused.ancestors)


def _enter(app: App, screen: Any, turn: Any, value: Any) -> str:
    """Put `value` into the turn's input widget; return the key that sends it."""
    kind = turn.kind
    if kind in ("text", "probe"):
        field = screen.answer_input.field
        if isinstance(field, TextArea):
            field.text = str(value)
        elif isinstance(field, Input):
            field.value = str(value)
        return "ctrl+s"
    if kind == "choice":
        values = [o.value for o in turn.options]
        return str(values.index(value) + 1)
    if kind == "scale":
        return str(int(value) % 10)
    if kind == "yesno":
        return "y" if value else "n"
    return "ctrl+s"  # info, review (finish is highlighted first)


async def run_dialogue(app: App, script_id: str = "goal-clarification",
                       samples: list[float] | None = None,
                       answerer: Answerer | None = None) -> dict[str, Any]:
    """From the running app, open `script_id` and answer every turn until the summary."""
    from assistant.tui.screens.dialogue import DialogueScreen

    answerer = answerer or Answerer(lang=getattr(app, "lang", "en"), loop=LOOP)
    if not isinstance(app.screen, DialogueScreen):
        app.action_start(script_id)  # type: ignore[attr-defined]
    await until(lambda: isinstance(app.screen, DialogueScreen))
    screen = app.screen
    await until(lambda: _ready(screen, None))
    await refreshed(app)
    turns = 0
    finish_ms = 0.0
    while screen.turn.kind != "done":
        turn = screen.turn
        key = _enter(app, screen, turn, answerer(turn))
        await refreshed(app)  # the typed text is on screen before the clock starts
        # A person takes longer to read and type than the app takes to checkpoint the
        # store's log after showing a turn (a few ms, in a worker): it is done first.
        await until(lambda: not any(w.group == "tidy" and not w.is_finished
                                    for w in app.workers))
        start = time.perf_counter_ns()
        _key(app, key)
        await until(lambda t=turn: app.screen is not screen or _ready(screen, t))
        await refreshed(app)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        turns += 1
        if app.screen is not screen:
            finish_ms = elapsed
            await settle(app)  # the summary screen is up and idle
            break
        if samples is not None:
            samples.append(elapsed)
        if turns > 200:
            raise RuntimeError("the benchmark dialogue does not end")
    return {"turns": turns, "finish_to_summary_ms": round(finish_ms, 1),
            "session": getattr(screen, "session_id", None)}
