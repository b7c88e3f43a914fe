"""The pair screens, driven with Pilot: same keyboard, and one of two terminals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from assistant.services.content import rules_dir
from assistant.services.library import Library
from assistant.services.pair import PairService
from assistant.store import Store
from assistant.tui.messages import Answered
from assistant.tui.screens.pair import PairScreen, make_pair_app
from assistant.tui.screens.pair_part import PairPartScreen

FIXTURES = Path(__file__).parent / "fixtures" / "pair"
# One-word answers, so they can be found in the rendered screen as they are.
ANA = [None, 4, 5, True, True, "Zebrafish", "Aardvark", True]
BEN = [None, 2, 4, False, True, "Quokka", "Narwhal", True]


@pytest.fixture
def service(data_home: Path):
    with Store.open(data_home) as store:
        yield PairService(store, Library(prompts=FIXTURES, rules=rules_dir()))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """Exactly what the terminal shows now, as plain text (as export_screenshot renders
    it, screens underneath included, but exported as text instead of SVG)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(  # noqa: SLF001
        full=True, screen_stack=app._background_screens))  # noqa: SLF001
    return console.export_text()


async def press_go(pilot) -> None:
    assert isinstance(pilot.app.screen, PairScreen)
    pilot.app.screen.query_one("#pair-go").press()
    await settle(pilot)


async def answer(pilot, values: list) -> list[str]:
    """Answer a part screen one value at a time; return the screen after each turn."""
    seen = []
    for value in values:
        screen = pilot.app.screen
        assert isinstance(screen, PairPartScreen), screen
        seen.append(screen_text(pilot.app))
        screen.post_message(Answered(value))
        await settle(pilot)
    return seen


async def test_same_keyboard_hides_each_answer_until_the_reveal(service: PairService) -> None:
    pair = service.create("evaluation-mini", host="Ana")
    service.join(pair.code, "Ana", "mentor")
    pair, _ = service.join(pair.code, "Ben", "mentee")
    app = make_pair_app(service, pair, me="Ana", mode="keyboard")
    async with app.run_test(size=(110, 45)) as pilot:
        await settle(pilot)
        assert "Ben, please look away" in screen_text(app)
        await press_go(pilot)
        await answer(pilot, ANA)

        handover = screen_text(app)
        assert "Pass the keyboard to Ben" in handover
        assert "Zebrafish" not in handover and "Aardvark" not in handover
        await press_go(pilot)
        for shown in await answer(pilot, BEN):
            assert "Zebrafish" not in shown and "Aardvark" not in shown

        before = screen_text(app)
        assert "You have both finished" in before
        for word in ("Zebrafish", "Aardvark", "Quokka", "Narwhal"):
            assert word not in before
        await press_go(pilot)

        revealed = screen_text(app)
        for word in ("Zebrafish", "Aardvark", "Quokka", "Narwhal"):
            assert word in revealed
        assert revealed.count("Talk about this") == 2
        assert "your ratings are 2 points apart" in revealed

        await press_go(pilot)  # agree together
        assert isinstance(app.screen, PairPartScreen)
        await answer(pilot, [None, "Meet weekly", "2025-10-01", True])
        assert isinstance(app.screen, PairScreen)
        md = str(app.screen.query_one("#pair-summary").source)
        assert "1. Meet weekly" in md and "2025-10-01" in md
    assert service.refresh(pair).agreed


async def test_two_terminals_show_partner_progress_not_content(service: PairService) -> None:
    pair = service.create("evaluation-mini", host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    # Ben, in his own terminal, is already two answers in.
    d = service.dialogue(pair, ben)
    for value in BEN[:3]:
        d.answer(value)
    app = make_pair_app(service, pair, me="Ana", mode="terminal")
    async with app.run_test(size=(110, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PairPartScreen)  # her part opens at once
        assert "(Ben: 2 of 6 answered)" in screen_text(app)
        await answer(pilot, ANA)
        waiting = screen_text(app)
        assert "Waiting for Ben: 2 of 6 answered" in waiting
        for value in BEN[3:]:
            d.answer(value)
        await pilot.pause(0.8)  # the screen polls the store
        await settle(pilot)
        shown = screen_text(app)
        assert "Quokka" in shown and "Talk about this" in shown
        assert app.screen.query_one("#pair-go").label.plain == "Agree together"


async def test_a_pair_gone_from_the_store_is_said_in_the_pairs_language(data_home) -> None:
    """PairService's refusals reach the pair screen in the pair's language, not English."""
    with Store.open(data_home) as store:
        service = PairService(store, Library())
        pair = service.create("evaluation-reflection", "de", host="Ana")
        service.join(pair.code, "Ana", "mentor")
        pair, _ = service.join(pair.code, "Ben", "mentee")
        app = make_pair_app(service, pair, me="Ana", mode="keyboard")
        async with app.run_test(size=(110, 45)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PairScreen)
            for session in (*(m.session for m in pair.members), pair.record):
                store.delete_session(session)  # e.g. deleted from another terminal
            screen.refresh_state()
            await settle(pilot)
            said = [n.message for n in app._notifications]  # noqa: SLF001
            assert said == [f"Hier gibt es kein Paar mit dem Code {pair.code}. Schau noch "
                            "einmal auf den Bildschirm deines Gegenübers."]
