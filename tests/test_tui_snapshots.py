"""Layout snapshots (pytest-textual-snapshot) of home, a dialogue mid-way, the summary
and the history, at 80x24 and 120x40.

Everything that could vary is pinned: a small script written here (so new bundled
content does not move the pixels), a fixed clock for the store and the dialogue, fixed
session ids, UTC, basic facts instead of the analysis, and no cursor blink.
Update the baseline with `pytest tests/test_tui_snapshots.py --snapshot-update` and look
at the report before committing it.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from assistant.services.dialogue import Dialogue
from assistant.services.library import Library
from assistant.store import DB_NAME, Store
from assistant.tui.app import make_app
from assistant.tui.screens.summary import SummaryScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
NOW = 1767258000.0  # 2026-01-01 09:00 UTC

SCRIPT = """\
id: goal-card
title: Clarify a goal
purpose: Turn a rough wish into a goal you can act on and talk about with your mentor.
minutes: 10
steps:
  - id: welcome
    kind: info
    prompt: We will shape one wish into a clear goal. Everything stays on this computer.
  - id: area
    kind: choice
    prompt: Which part of your work is this goal about?
    options:
      - {value: career, label: My career or next role}
      - {value: skills, label: A skill I want to build}
      - {value: other, label: Something else}
  - id: wish
    kind: text
    multiline: true
    prompt: What would you like to be different a few months from now?
    help: Write it the way you would say it to a friend.
  - id: measure
    kind: text
    prompt: How will you and your mentor see that you have got there?
  - id: confidence
    kind: scale
    prompt: How confident are you?
    min: 1
    max: 5
    labels: {1: not at all, 3: somewhat, 5: very}
  - id: review
    kind: review
    prompt: Here is your goal. Does it read right?
"""

TEMPLATE = """\
# Goal card: {{ answers.wish | oneline }}

*Prepared on {{ date }} with Reflect.*

## My goal

{{ answers.wish | quote }}

**Area:** {{ answers.area }}

## How we will know

{{ answers.measure | quote }}

**Confidence:** {{ answers.confidence }}
"""

WISH = "Lead the weekly team meeting on my own [b]twice[/b] by the end of March."


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A store with one finished and one unfinished session, and a one-script library."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    ids = (f"{n:08x}" for n in itertools.count(0xA1B2C3D4))
    monkeypatch.setattr("secrets.token_hex", lambda n: next(ids))
    prompts, rules = tmp_path / "prompts", tmp_path / "rules"
    prompts.mkdir()
    rules.mkdir()
    (prompts / "goal-card.yaml").write_text(SCRIPT, encoding="utf-8")
    (prompts / "goal-card.md.j2").write_text(TEMPLATE, encoding="utf-8")
    library = Library(prompts=prompts, rules=rules)
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    store = Store(home / DB_NAME, clock=lambda: NOW)
    clock = iter(NOW - 86400 * 3 + 60 * n for n in itertools.count())

    def tick() -> float:
        return next(clock)

    done = Dialogue.start(store, library, "goal-card", clock=tick)
    for value in (None, "skills", WISH, "The team runs two meetings with me leading", 4, True):
        done.answer(value)
    store.set_status(done.id, "finished")
    open_ = Dialogue.start(store, library, "goal-card", clock=tick)
    open_.answer(None)
    open_.answer("career")
    yield store, library, done.id
    store.close()
    monkeypatch.delenv("TZ")
    time.tzset()


def app_for(world, **kwargs):
    store, library, _ = world
    return make_app(store, library, clock=lambda: NOW, facts=None, **kwargs)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("TextArea, Input"):
        if isinstance(widget, TextArea | Input):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, world, size):
    assert snap_compare(app_for(world), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_dialogue_midway(snap_compare, world, size):
    async def run_before(pilot) -> None:
        from textual import events

        await settle(pilot)
        await pilot.press("enter")  # the welcome
        await settle(pilot)
        await pilot.press("2")  # a skill
        await settle(pilot)
        pilot.app.post_message(events.Paste(WISH))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("T", "w", "o")  # typing the next answer
        await settle(pilot)

    assert snap_compare(app_for(world, start="goal-card"), terminal_size=size,
                        run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, world, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(SummaryScreen(world[2]))
        await settle(pilot)

    assert snap_compare(app_for(world), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, world, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app_for(world), terminal_size=size, run_before=run_before)
