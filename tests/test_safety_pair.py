"""Pair mode: the notice shows in a person's own part, and the flagged answer is not
revealed to the partner unless that person keeps it."""

from __future__ import annotations

import pytest

from assistant.services.library import Library, analysis_facts
from assistant.services.pair import PairService
from assistant.store import Store

SCRIPT = "evaluation-reflection"
CRISIS = "Honestly I don't want to be alive anymore."


@pytest.fixture
def service(data_home):
    with Store.open(data_home) as store:
        yield PairService(store, Library(), facts=analysis_facts())


def answer_part(service, pair, member, first_text: str, keep: bool = False) -> list[str]:
    """Answer every turn; the first free-text answer is `first_text`. The notices seen."""
    d = service.dialogue(pair, member)
    turn = d.current()
    notices, said = [], False
    for _ in range(80):
        if turn.kind == "done":
            break
        turn = service.preanswer(d, member, turn)
        notices += [n.text for n in turn.notes if n.kind == "notice"]
        if turn.kind == "done":
            break
        if turn.kind == "text":
            value = first_text if not said else "More time to prepare."
            said = True
        else:
            value = {"scale": 3, "yesno": True, "info": None, "review": True,
                     "probe": ""}.get(turn.kind, "1")
        turn = d.answer(value)
        notices += [n.text for n in turn.notes if n.kind == "notice"]
        if keep and notices and d.stepper.keepable() is not None:
            d.keep()
    assert turn.kind == "done", turn
    return notices


@pytest.mark.parametrize("keep", [False, True])
def test_a_flagged_answer_is_not_revealed_to_the_partner_unless_kept(service, keep):
    pair = service.create(SCRIPT, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    notices = answer_part(service, pair, ana, CRISIS, keep=keep)
    assert any("Samaritans" in n for n in notices)  # the notice shows in pair mode too
    answer_part(service, pair, ben, "We could meet more often.")
    shown = [a.text for item in service.compare(pair).items for a in item.answers]
    assert (CRISIS in shown) is keep
    assert "We could meet more often." in shown


# --- listening practice ------------------------------------------------------------------

def test_listening_practice_shows_the_notice_for_what_the_mentor_types(data_home):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "REFLECT_HOME": str(data_home), "PYTHONIOENCODING": "utf-8"}
    typed = "Ehrlich gesagt will ich selbst nicht mehr leben.\nWas wünschst du dir?\n:quit\n"
    proc = subprocess.run([sys.executable, "-m", "assistant", "practice", "--plain",
                           "--lang", "de"], input=typed, env=env, cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    notices = [line for line in proc.stdout.splitlines() if line.startswith("Bitte beachte:")]
    assert len(notices) == 1 and "TelefonSeelsorge" in notices[0]  # not for the question


async def test_the_practice_screen_shows_the_notice_in_its_log(data_home):
    from assistant.tui.screens.practice import PracticeScreen
    from tests.test_practice_tui import SIZE, log_text, send, settle
    from tests.test_practice_tui import make as make_practice_app

    with Store.open(data_home) as store:
        app = make_practice_app(store, facts=analysis_facts())
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            pilot.app.push_screen(PracticeScreen(scenarios=["workload-always-yes"]))
            await settle(pilot)
            await send(pilot, "What would help you say no?")
            assert "Samaritans" not in log_text(pilot)
            await send(pilot, "Honestly I want to kill myself some days too.")
            assert "Samaritans" in log_text(pilot)
