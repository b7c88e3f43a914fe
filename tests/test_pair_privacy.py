"""Pair answers stay private until both people are done (issue 13, item 4).

Kim finishes her evaluation, Sam joins and starts his. Whatever Sam (or anyone at this
computer) asks Reflect for before Sam is done, nothing of Kim's answers may show: not in
`reflect search`, `sessions`, `export`, `summary`, `pair show`, JSON, nor in the TUI's
History search or summary screen. Once both are done, the reveal shows both people's
answers, and from then on they are found like any other answers.

The main test runs the two people as two real `reflect` processes on one data home and
asks every surface from further processes (and the History screen under Pilot) while both
are still running. The store test pins down the rule itself, in each state of a pair.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label

from assistant.services.content import rules_dir
from assistant.services.library import Library
from assistant.services.pair import PairService
from assistant.store import PrivateSession, Store
from assistant.tui.app import make_app
from assistant.tui.screens.history import HistoryScreen
from assistant.tui.screens.summary import SummaryScreen

from .plain_driver import PlainDriver, run_reflect

FIXTURES = Path(__file__).parent / "fixtures" / "pair"
MINI = FIXTURES / "evaluation-mini.yaml"

# mini script: welcome, meetings (scale), trust (scale), goals-clear, feedback (yes/no),
# went-well, change (text), review
KIM_SECRET = "Kim's secret: Quokkafrost says my mentor never listens"
KIM_WISH = "Kim wants the Vellichor notes kept between us"
KIM = ["", "4", "5", "yes", "yes", KIM_SECRET, KIM_WISH, ""]
SAM_WORDS = "Sam thinks the Brindlewave meetings went well"
SAM = ["", "2", "4", "no", "yes", SAM_WORDS, ":skip", ""]
#: Words of the answers that must not show before the reveal (checked case-insensitively).
HIDDEN = ["quokkafrost", "vellichor", "never listens", "brindlewave"]


def screen_text(app) -> str:
    """The text of the app's screen as drawn (from the SVG screenshot)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def leaked(text: str) -> list[str]:
    low = text.lower()
    return [word for word in HIDDEN if word in low]


def answer(driver: PlainDriver, values: list[str], *, asked: bool = False) -> None:
    """Answer prompt by prompt (`asked`: the first prompt was read already)."""
    for n, value in enumerate(values):
        if n or not asked:
            assert driver.read_prompt(timeout=30) is not None, driver.output
        driver.send(value)


@pytest.fixture
def env(data_home: Path) -> dict[str, str]:
    return {**os.environ, "REFLECT_HOME": str(data_home)}


def cli(env: dict[str, str], *args: str) -> str:
    """What a person sees from one `reflect` command: its output and its messages."""
    done = run_reflect(*args, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def surfaces(env: dict[str, str], code: str, sessions: list[str]) -> dict[str, str]:
    """Everything the command line shows of this data home."""
    out = {
        "search secret": cli(env, "search", "secret"),
        "search quokkafrost": cli(env, "search", "quokkafrost"),
        "search prefix": cli(env, "search", "Vellich"),
        "search sam": cli(env, "search", "Brindlewave"),
        "sessions": cli(env, "sessions"),
        "export": cli(env, "export", "-o", "-"),
        "pair show": cli(env, "pair", "show", code),
    }
    for sid in sessions:
        for fmt in ("md", "json", "html"):
            out[f"summary {sid} {fmt}"] = cli(env, "summary", sid, "--format", fmt)
    return out


async def tui_surfaces(data_home: Path, sessions: list[str]) -> dict[str, str]:
    """What the TUI shows: History (searched and not), each session's summary screen and
    what its save keys write."""
    shown: dict[str, str] = {}
    exports = data_home.parent / "exports"
    exports.mkdir()
    with Store.open(data_home) as store:
        app = make_app(store, Library(prompts=FIXTURES, rules=rules_dir()), export_dir=exports)
        async with app.run_test(size=(120, 40)) as pilot:

            async def settle() -> None:
                for _ in range(3):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                await pilot.pause()

            await settle()
            await pilot.press("h")
            await settle()
            history = app.screen
            assert isinstance(history, HistoryScreen)
            table = history.query_one(DataTable)
            assert table.row_count == 3  # the pair's sessions are listed (counts only)
            shown["history"] = screen_text(app)
            for query in ("secret", "quokkafrost", "Vellich", "never listens", "brindlewave"):
                history.query_one(Input).value = query
                await settle()
                cells = [str(cell) for i in range(table.row_count)
                         for cell in table.get_row_at(i)]
                # The screen shows the query typed into the search box, so that one
                # word is looked for in the table only.
                screen = screen_text(app).lower().replace(query.lower(), "")
                shown[f"history search {query}"] = " ".join(
                    [screen, *cells, *(r.match for r in history.rows)])
                shown[f"history rows {query}"] = str(len(history.rows))
            for sid in sessions:
                # Not reachable from History (it names `reflect pair show`), but a screen
                # asked for a private session must show nothing of it either.
                app.push_screen(SummaryScreen(sid))
                await settle()
                summary = app.screen
                assert isinstance(summary, SummaryScreen)
                status = str(summary.query_one("#summary-status", Label).render())
                shown[f"summary screen {sid}"] = " ".join(
                    [screen_text(app), summary.markdown, status])
                summary.action_export("md")
                await settle()
                shown[f"summary export {sid}"] = screen_text(app)
                app.pop_screen()
                await settle()
    for path in exports.rglob("*"):
        shown[f"saved {path.name}"] = path.read_text(encoding="utf-8")
    return shown


async def test_partner_answers_show_nowhere_until_both_are_done(data_home: Path, env) -> None:
    kim = PlainDriver("pair", "start", str(MINI), "--name", "Kim", "--role", "mentor",
                      "--plain", env=env)
    sam = None
    try:
        first = kim.read_prompt(timeout=30)
        code = re.search(r"Pair code: ([A-Z0-9]{6})", first).group(1)
        answer(kim, KIM, asked=True)
        kim.read_until("Waiting for your partner")  # Kim is done and waits for Sam
        sam = PlainDriver("pair", "join", code, "--name", "Sam", "--plain", env=env)
        answer(sam, SAM[:3])  # Sam has joined and answered two questions
        assert sam.read_prompt(timeout=30) is not None  # both are stored: he is asked a third

        with Store.open(data_home) as store:
            pair = PairService(store).pair(code)
            assert [m.finished for m in pair.members] == [True, False]
            members = [m.session for m in pair.members]
            sessions = [*members, pair.record]

        before = surfaces(env, code, sessions)
        before.update(await tui_surfaces(data_home, members))
        before["Sam's terminal"] = sam.output
        assert {name: leaked(text) for name, text in before.items() if leaked(text)} == {}
        # Not silently empty: the commands say why, and what still works.
        assert "No answers match." in before["search secret"]
        assert [before[f"history rows {q}"] for q in ("secret", "quokkafrost")] == ["0", "0"]
        assert "pair show" in before[f"summary screen {members[0]}"]
        assert "Kim (mentor): finished" in before["pair show"]
        assert "Sam (mentee): 2 of 6 answered" in before["pair show"]
        exported = json.loads(before["export"])
        private = [s for s in exported["sessions"] if s["id"] in members]
        assert [(s["events"], s["private"]) for s in private] == [
            ([], "pair answers stay private until both people have finished")] * 2
        assert [s["answered"] for s in private] == [6, 2]
        assert f"reflect pair show {code}" in before[f"summary {members[0]} json"]

        answer(sam, SAM[3:], asked=True)  # Sam is done: both terminals show the reveal
        answer(kim, ["", "Meet once a month\n", "", ""])  # Kim records the agreement
        assert kim.close() == 0 and sam.close() == 0
        assert KIM_SECRET in sam.output.split("== Your answers side by side ==")[1]
        assert SAM_WORDS in kim.output.split("== Your answers side by side ==")[1]
        assert leaked(kim.output.split("== Your answers side by side ==")[0]) == [
            "quokkafrost", "vellichor", "never listens"]  # her own review, nothing of Sam's
    finally:
        for driver in (kim, sam):
            if driver is not None and driver.proc.poll() is None:
                driver.kill()

    after = surfaces(env, code, [])
    assert "Quokkafrost" in after["search quokkafrost"]
    assert "Brindlewave" in after["search sam"]
    assert KIM_SECRET in after["pair show"] and SAM_WORDS in after["pair show"]
    assert "Meet once a month" in after["pair show"]
    exported = json.loads(after["export"])
    assert KIM_SECRET in json.dumps(exported, ensure_ascii=False)
    assert all("private" not in s for s in exported["sessions"])


def test_one_keyboard_pair_hides_the_first_answers_until_the_second_is_done(env) -> None:
    """`reflect pair --me Kim --partner Sam`: Kim answers, Sam starts and pauses."""
    done = run_reflect("pair", str(MINI), "--me", "Kim", "--partner", "Sam", "--plain",
                       input="\n".join(KIM + ["", "", "2"]) + "\n", env=env)
    assert done.returncode == 0, done.stderr
    code = re.search(r"reflect pair continue ([A-Z0-9]{6})", done.stdout).group(1)
    sam_part = done.stdout.split("Pass the keyboard to Sam")[1]
    assert leaked(sam_part) == []
    for args in (("search", "quokkafrost"), ("search", "secret"), ("export", "-o", "-"),
                 ("pair", "show", code), ("sessions",)):
        assert leaked(cli(env, *args)) == [], args

    rest = "\n".join(SAM[2:] + ["", "", "Meet once a month", "", "", ""]) + "\n"
    done = run_reflect("pair", "continue", code, "--plain", input=rest, env=env)
    assert done.returncode == 0, done.stderr
    assert KIM_SECRET in done.stdout.split("Your answers side by side")[1]
    assert "Quokkafrost" in cli(env, "search", "quokkafrost")


# --------------------------------------------------------------------------- the rule


@pytest.fixture
def store(data_home: Path):
    with Store.open(data_home) as opened:
        yield opened


def finish(service: PairService, pair, member, text: str) -> None:
    d = service.dialogue(pair, member)
    turn = d.current()
    for value in [None, 4, 5, True, True, text, "", True]:
        turn = service.preanswer(d, member, turn)
        turn = d.answer(value)
    assert turn.kind == "done"


def test_store_keeps_member_sessions_private_in_every_state_before_both_finish(
        store: Store) -> None:
    service = PairService(store, Library(prompts=FIXTURES, rules=rules_dir()))
    solo = store.create_session("goal-clarification", "en")
    store.append_event(solo, "answered", {"step": "goal", "text": "a solo Quokkafrost goal"})

    def visible() -> tuple[list[str], str, set[str]]:
        hits = [info.id for info, _, _ in store.search("quokkafrost")]
        exported = json.dumps(store.export_all(), ensure_ascii=False)
        readable = set()
        for info in store.sessions():
            try:
                store.events(info.id)
            except PrivateSession as exc:
                assert "stay private until both people have finished" in str(exc)
                assert f"reflect pair show {pair.code}" in str(exc)
            else:
                readable.add(info.id)
        return hits, exported, readable

    pair = service.create("evaluation-mini", host="Kim")
    pair, kim = service.join(pair.code, "Kim", "mentor")
    finish(service, pair, kim, "Kim Quokkafrost alone")  # done, nobody has joined yet
    hits, exported, readable = visible()
    assert hits == [solo] and "Kim Quokkafrost" not in exported
    assert readable == {solo, pair.record}
    assert store.private_sessions() == {kim.session}

    pair, sam = service.join(pair.code, "Sam", "mentee")
    d = service.dialogue(pair, sam)  # Sam's own dialogue reads his own answers
    d.answer(None)
    d.answer(2)
    assert service.progress(pair, kim).finished and service.progress(pair, sam).answered == 1
    hits, exported, readable = visible()
    assert hits == [solo] and "Kim Quokkafrost" not in exported
    assert readable == {solo, pair.record}
    assert store.private_sessions() == {kim.session, sam.session}

    finish(service, service.refresh(pair), sam, "Sam Quokkafrost too")  # the reveal
    hits, exported, readable = visible()
    assert set(hits) == {solo, kim.session, sam.session}
    assert "Kim Quokkafrost alone" in exported and "Sam Quokkafrost too" in exported
    assert readable == {solo, pair.record, kim.session, sam.session}
    assert store.private_sessions() == set()


async def test_one_keyboard_tui_history_finds_nothing_of_the_first_part(data_home) -> None:
    """At one keyboard in the app: Kim (Ana here) has finished and handed over; whoever
    has the keyboard opens History from the command palette and searches her words."""
    from assistant.tui.screens.pair import make_pair_app

    from .test_pair_tui import ANA, BEN, answer, press_go, settle

    with Store.open(data_home) as store:
        service = PairService(store, Library(prompts=FIXTURES, rules=rules_dir()))
        pair = service.create("evaluation-mini", host="Ana")
        service.join(pair.code, "Ana", "mentor")
        pair, _ = service.join(pair.code, "Ben", "mentee")
        app = make_pair_app(service, pair, me="Ana", mode="keyboard")
        async with app.run_test(size=(110, 45)) as pilot:

            async def search(word: str) -> list[str]:
                app.action_history()  # the palette's "History" command
                await settle(pilot)
                history = app.screen
                assert isinstance(history, HistoryScreen)
                history.query_one(Input).value = word
                await settle(pilot)
                found = [r.session.id for r in history.rows]
                app.pop_screen()
                await settle(pilot)
                return found

            await settle(pilot)
            await press_go(pilot)
            await answer(pilot, ANA)
            assert "Pass the keyboard to Ben" in screen_text(app)
            assert await search("Zebrafish") == [] and await search("Aardvark") == []
            await press_go(pilot)
            await answer(pilot, BEN[:6])  # Ben's words are stored, his part not done
            assert await search("Quokka") == [] and await search("Zebrafish") == []
            await answer(pilot, BEN[6:])
            ana = service.refresh(pair).members[0].session
            assert await search("Zebrafish") == [ana]  # both done: the reveal
