"""The practice screens in the TUI: a full session with Pilot, snapshots of the feedback and
scorecard views, and the progress view over stored sessions.

The Pilot session uses the real coder (it is what a mentor meets); the snapshots use a
fixed fake coder, so they pin the layout and do not change when the coder is tuned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Label, Static

from assistant.services.library import Library
from assistant.services.practice import PracticeRun
from assistant.store import Store
from assistant.tui.app import make_app
from assistant.tui.screens.keys import KeysScreen
from assistant.tui.screens.practice import PracticeScreen
from assistant.tui.screens.practice_scorecard import ScorecardScreen
from assistant.tui.screens.progress import ProgressScreen
from assistant.tui.widgets.practice_feedback import PracticeFeedback
from assistant.tui.widgets.progress_chart import ProgressChart
from assistant.tui.widgets.transcript import Transcript

SIZE = (100, 34)


@pytest.fixture
def store(data_home: Path):
    with Store.open(data_home) as s:
        yield s


def make(store: Store, **kwargs):
    return make_app(store, Library(), **kwargs)


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled (no sleeping)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def send(pilot, text: str) -> None:
    pilot.app.screen.query_one("#practice-reply", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def log_text(pilot) -> str:
    parts = []
    for entry in pilot.app.screen.query_one(Transcript).query(Static):
        content = entry.content
        parts.append(content.plain if isinstance(content, Text) else str(content))
    return "\n".join(parts)


def feedback_text(pilot) -> str:
    content = pilot.app.screen.query_one(PracticeFeedback).content
    return content.plain if isinstance(content, Text) else str(content)


async def test_full_practice_session_from_the_command_palette(store: Store) -> None:
    app = make(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"practise active")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert "I got the team-lead offer yesterday" in log_text(pilot)
        await pilot.press("f1")  # the key help opens over the practice screen and closes
        await settle(pilot)
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press(*"What draws you to the course")
        await pilot.press("question_mark", "enter")
        await settle(pilot)
        assert feedback_text(pilot).startswith("Code: open question")
        assert "When I picture myself sketching screens" in log_text(pilot)
        assert screen.query_one(PracticeFeedback).has_class("listening")

        await send(pilot, "You should take the promotion.")
        assert feedback_text(pilot).startswith("Code: advice")
        assert ('Try: "You should take the promotion." is advice nobody asked for'
                in feedback_text(pilot))
        assert "Yes, but you don't know how this company works" in log_text(pilot)
        assert screen.query_one(PracticeFeedback).has_class("not-listening")

        await pilot.press("ctrl+r")  # take the advice back
        await settle(pilot)
        assert "Taken back" in log_text(pilot)
        await send(pilot, "It sounds like part of you is proud and part of you wants "
                          "something else.")
        assert feedback_text(pilot).startswith("Code: complex reflection")
        assert "I think I'm afraid that if I say no" in log_text(pilot)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Scenario 2 of 8" in str(screen.query_one("#practice-head", Static).content)
        await send(pilot, "Did you talk to your manager?")
        assert feedback_text(pilot).startswith("Code: closed question")
        assert "No, I haven't talked to my manager about it." in log_text(pilot)

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        card = app.screen.card
        assert card.total == 3 and app.screen.retried == 1
        assert card.counts["open_question"] == 1 and card.counts["advice"] == 0
        assert card.measure("rq_ratio").value == pytest.approx(0.5)

        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert len(app.screen.points) == 1

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HomeScreen"

    (info,) = store.sessions(script="practice")
    assert info.status == "finished" and info.mode == "practice"
    codes = [e.payload["code"] for e in store.events(info.id) if e.kind == "practice_reply"]
    assert codes == ["open_question", "advice", "complex_reflection", "closed_question"]


# --------------------------------------------------------------------------- snapshots


@dataclass
class Fake:
    code: str
    why: bool = False
    leading: bool = False
    stacked: bool = False
    judgement: bool = False
    reason: str = ""


FAKE = {
    "What": Fake("open_question", reason="It is an open question."),
    "Why": Fake("open_question", why=True, reason="It is an open question."),
    "Did": Fake("closed_question", reason="It can be answered with yes or no."),
    "You should": Fake("advice", reason="It tells the mentee what to do."),
    "It sounds": Fake("complex_reflection", reason="It reflects and adds meaning."),
    "You said": Fake("simple_reflection", reason="It mirrors the mentee."),
}


def fake_coder(reply: str, previous: str | None, lang: str) -> Fake:
    return next((code for start, code in FAKE.items() if reply.startswith(start)), Fake("other"))


async def _start_practice(pilot) -> None:
    pilot.app.push_screen(PracticeScreen(scenarios=["workload-always-yes", "goals-vague-goal"],
                                         coder=fake_coder))
    await settle(pilot)
    pilot.app.screen.query_one(Input).cursor_blink = False


def test_snapshot_feedback_view(store: Store, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _start_practice(pilot)
        await send(pilot, "You should learn to say no.")

    assert snap_compare(make(store), run_before=run_before, terminal_size=SIZE)


def test_snapshot_scorecard_view(store: Store, snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _start_practice(pilot)
        for reply in ["What makes it hard to say no?", "It sounds like being needed matters "
                      "a lot to you.", "You should learn to say no."]:
            await send(pilot, reply)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await send(pilot, "You said yes again.")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await send(pilot, "Why now?")
        await send(pilot, "Did someone ask you to?")
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(make(store), run_before=run_before, terminal_size=SIZE)


# --------------------------------------------------------------------------- progress


PLANS = [  # one practice session per week, replies coded by the fake coder
    ["Did you?", "Did you?", "You said so.", "You should.", "Did you?"],
    ["What now?", "Did you?", "You said so.", "It sounds hard.", "You should."],
    ["What now?", "You should."],  # two replies: no reflection, a faint bar
    ["What now?", "It sounds hard.", "It sounds heavy.", "You said so.", "Did you?"],
    ["What now?", "It sounds hard.", "It sounds heavy.", "It sounds lonely.", "What else?",
     "You said so."],
]


def _practised(data_home: Path, weeks: int) -> Store:
    clock_now = [1_767_258_000.0]  # 2026-01-01 09:00 UTC

    def clock() -> float:
        clock_now[0] += 1
        return clock_now[0]

    store = Store(data_home / "reflect.db", clock=clock)
    for week, replies in enumerate(PLANS[:weeks]):
        clock_now[0] = 1_767_258_000.0 + week * 7 * 86_400
        run = PracticeRun.start(store, "en", coder=fake_coder)
        for reply in replies:
            run.reply(reply)
        run.finish()
    return store


async def test_progress_with_one_session_says_there_is_too_little_data(data_home: Path) -> None:
    with _practised(data_home, 1) as store:
        app = make(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.push_screen(ProgressScreen())
            await settle(pilot)
            screen = app.screen
            assert len(screen.points) == 1
            note = str(screen.query_one("#progress-note", Static).content)
            assert note.startswith("Too few replies yet: 5 replies so far.")
            for key in ("rq_ratio", "open_share", "complex_share"):  # no bars at all
                assert not screen.query_one(f"#chart-{key}", ProgressChart).display
            assert screen.query_one(DataTable).row_count == 1  # the session is still listed


async def test_progress_draws_gaps_bands_and_the_weighted_figure(data_home: Path) -> None:
    with _practised(data_home, 5) as store:
        app = make(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.push_screen(ProgressScreen())
            await settle(pilot)
            screen = app.screen
            complex_ = screen.query_one("#chart-complex_share", ProgressChart)
            assert complex_.display and complex_.series.values[2] is None  # a gap
            rows = complex_.content.plain.splitlines()
            assert rows[-1][6:8] == "··"  # the third column: a gap, not a zero bar
            assert "░░" in complex_.content.plain  # the target band
            label = str(screen.query_one("#label-rq_ratio", Label).content)
            # 10 reflections and 10 questions over five sessions, each by its replies
            assert "1.0:1 overall (fair)" in label
            assert "rising" in label
            table = screen.query_one(DataTable)
            assert [table.get_row_at(i)[4] for i in range(5)] == [
                "0 %", "50 %", "—", "67 %", "75 %"]


@pytest.mark.parametrize("weeks", [2, 5])
def test_snapshot_progress_view(weeks: int, data_home: Path, snap_compare,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        store = _practised(data_home, weeks)

        async def run_before(pilot) -> None:
            pilot.app.push_screen(ProgressScreen())
            await settle(pilot)

        assert snap_compare(make(store), run_before=run_before, terminal_size=SIZE)
        store.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


async def test_reflect_practice_in_a_terminal_opens_on_the_practice_screen(store: Store) -> None:
    from assistant.tui.practice import PracticeFirstApp

    app = PracticeFirstApp(store, Library(), lang="de")
    app.practice_scenarios = ["goals-vague-goal"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert [type(s).__name__ for s in app.screen_stack[-2:]] == ["HomeScreen",
                                                                      "PracticeScreen"]
        assert "Szene 1 von 1 · Ziele setzen" in str(
            app.screen.query_one("#practice-head", Static).content)


async def test_typed_wrong_marks_the_last_code_in_the_store(store: Store) -> None:
    from assistant.services.practice import disagreements

    app = make(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(PracticeScreen())
        await settle(pilot)
        await send(pilot, "What draws you to the course?")
        await send(pilot, ":wrong simple_reflection")
        marks = disagreements(store)
        assert [(m["text"], m["code"], m["suggested"]) for m in marks] == [
            ("What draws you to the course?", "open_question", "simple_reflection")]
        await send(pilot, ":wrong nonsense")
        assert len(disagreements(store)) == 1


async def test_the_practice_keys_speak_german_in_the_footer_and_the_key_help(store: Store) -> None:
    from rich.console import Console

    from assistant.tui.practice import PracticeFirstApp

    app = PracticeFirstApp(store, Library(), lang="de")
    app.practice_scenarios = ["goals-vague-goal"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        shown = [key.description for key in app.screen.query("FooterKey")]
        assert {"Neu antworten", "Nächste Szene", "Auswertung"} <= set(shown)
        assert not any(text.startswith("practice.") for text in shown)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, KeysScreen)
        console = Console(width=100)
        with console.capture() as captured:
            for static in app.screen.query(Static):
                console.print(static.content)
        help_text = captured.get()
        assert "Neu antworten" in help_text and "Auswertung" in help_text
