"""Pilot tests of the TUI: real widgets, real store (in a temporary data home), real
library and analysis. They drive the dialogue by the turn the screen shows, so new steps
or probes in the bundled script do not break them; they assert on what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual.widgets import DataTable, Header, Input, Label, Markdown, OptionList, Static, TextArea

from assistant.services.dialogue import Dialogue
from assistant.services.library import Library, analysis_facts
from assistant.store import Store
from assistant.tui.app import ReflectApp, make_app
from assistant.tui.screens.confirm import ConfirmScreen
from assistant.tui.screens.dialogue import DialogueScreen
from assistant.tui.screens.history import HistoryScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.keys import KeysScreen
from assistant.tui.screens.summary import SummaryScreen
from assistant.tui.widgets.review_answer import option_id
from assistant.tui.widgets.transcript import Transcript

SCRIPT = "goal-clarification"
# Answers with a number and a deadline, so few probes fire; probes are answered anyway.
DEFAULT_TEXT = "Give three short talks to my team by 30 June 2026"
PROBE_TEXT = "By the end of June, three talks with feedback from 5 colleagues"


@pytest.fixture
def store(data_home):
    with Store.open(data_home) as s:
        yield s


@pytest.fixture(scope="session")
def library():
    return Library()


def make(store, library, tmp_path, **kwargs) -> ReflectApp:
    kwargs.setdefault("facts", analysis_facts())
    return make_app(store, library, export_dir=tmp_path, **kwargs)


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled (no sleeping)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Short text key by key; longer text as a terminal paste into the focused widget
    (pressing hundreds of keys one at a time would make these tests slow)."""
    if len(text) <= 12:
        await pilot.press(*[("space" if c == " " else c) for c in text])
        return
    assert pilot.app.focused is not None
    pilot.app.post_message(events.Paste(text))  # as the terminal driver does
    await pilot.pause()


def screen(pilot) -> DialogueScreen:
    assert isinstance(pilot.app.screen, DialogueScreen), pilot.app.screen
    return pilot.app.screen


def transcript_text(pilot) -> str:
    parts = []
    for entry in pilot.app.screen.query_one(Transcript).query(Static):
        content = entry.content
        parts.append(content.plain if isinstance(content, Text) else str(content))
    return "\n".join(parts)


async def answer_current(pilot, plan: dict[str, str]) -> str:
    """Answer the shown turn through its widget; return the step id."""
    turn = screen(pilot).turn
    assert turn is not None and turn.step is not None
    step = turn.step
    if turn.kind == "info":
        await pilot.press("enter")
    elif turn.kind == "choice":
        await pilot.press("2")
    elif turn.kind == "scale":
        await pilot.press(str(step.max - 1))
    elif turn.kind == "yesno":
        await pilot.press("n")
    elif turn.kind == "multi":
        await pilot.press("space", "ctrl+s")
    elif turn.kind == "probe":
        await type_text(pilot, PROBE_TEXT)
        await pilot.press("enter")
    elif turn.kind == "text":
        await type_text(pilot, plan.get(step.id, DEFAULT_TEXT))
        await pilot.press("ctrl+s")
    else:  # pragma: no cover - review is handled by the caller
        raise AssertionError(turn.kind)
    await settle(pilot)
    return step.id


async def run_until(pilot, plan: dict[str, str], stop, limit: int = 60) -> None:
    for _ in range(limit):
        turn = screen(pilot).turn
        if stop(turn):
            return
        await answer_current(pilot, plan)
    raise AssertionError("the dialogue did not reach the expected turn")


async def test_goal_clarification_end_to_end(store, library, tmp_path):
    """Type, submit, go back, edit from the review, finish; check store and summary."""
    script = library.script(SCRIPT, "en")
    text_steps = [s.id for s in script.steps if s.kind == "text" and s.required]
    wish, why = text_steps[0], text_steps[1]
    plan = {wish: "I want to speak confidently in meetings by the end of June 2026",
            why: "My next role needs it [bold]and[/bold] I avoid it now"}
    app = make(store, library, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        scripts = app.screen.query_one("#scripts", OptionList)
        scripts.highlighted = scripts.get_option_index(SCRIPT)
        await pilot.press("enter")
        await settle(pilot)

        # Up to and including `why`, then back: the answer comes back prefilled.
        await run_until(pilot, plan, lambda t: t.kind != "probe" and t.step.id == why)
        await answer_current(pilot, plan)
        while screen(pilot).turn.kind == "probe":
            await answer_current(pilot, plan)
        await pilot.press("ctrl+r")
        await settle(pilot)
        turn = screen(pilot).turn
        if turn.step.id != why:  # back from a later step's probe lands on that step
            await pilot.press("ctrl+r")
            await settle(pilot)
            turn = screen(pilot).turn
        assert turn.step.id == why and turn.prefill == plan[why]
        assert screen(pilot).query_one(TextArea).text == plan[why]
        await type_text(pilot, " today")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # On to the review; the answers are listed, markup shown literally.
        await run_until(pilot, plan, lambda t: t.kind == "review")
        shown = transcript_text(pilot)
        assert "[bold]and[/bold] I avoid it now today" in shown

        # Edit the first single-line text answer from the review.
        single = next(s.id for s in script.steps
                      if s.kind == "text" and not s.multiline and s.required
                      and any(i.step == s.id for i in screen(pilot).turn.review))
        review = screen(pilot).query_one("#answer-review", OptionList)
        review.focus()
        index = next(i for i, item in enumerate(screen(pilot).turn.review) if item.step == single)
        review.highlighted = review.get_option_index(option_id(index))
        await pilot.press("enter")
        await settle(pilot)
        assert screen(pilot).turn.step.id == single
        field = screen(pilot).query_one("#answer-line", Input)
        assert field.value == DEFAULT_TEXT
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "Five talks given, rated 4 of 5 by 2026-06-30")
        await pilot.press("enter")
        await settle(pilot)
        await run_until(pilot, plan, lambda t: t.kind == "review")

        # Finish: Enter on the highlighted "finish" shows the summary.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen
        assert "speak confidently in meetings" in summary.markdown
        assert str(summary.query_one(Markdown).source).startswith(summary.markdown[:40])
        session_id = summary.session_id

    info = store.session(session_id)
    assert info.status == "finished"
    kinds = [e.kind for e in store.events(session_id)]
    assert "back" in kinds and "edit" in kinds and kinds[-1] == "finished"
    stored = Dialogue.resume(store, library, session_id)
    answers = stored.stepper.answers()
    assert answers[script.step(wish).key] == plan[wish]
    assert answers[script.step(why).key] == plan[why] + " today"
    assert answers[script.step(single).key] == "Five talks given, rated 4 of 5 by 2026-06-30"
    # The summary on screen is the stored session's summary.
    assert stored.summary("md") == summary.markdown


async def test_review_lists_a_looped_step_twice_and_edits_it(store, library, tmp_path):
    """"Add another first step" loops once: the review lists both first steps (no
    DuplicateID), and choosing the second one reopens it for editing."""
    plan = {"first-step": "Book a room for the first talk by Monday 2026-05-04"}
    app = make(store, library, tmp_path, start=SCRIPT)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await run_until(pilot, plan, lambda t: t.kind == "yesno" and t.step.id == "another-step")
        await pilot.press("y")  # loop: a second first step
        await settle(pilot)
        assert screen(pilot).turn.step.id == "first-step"
        await type_text(pilot, "Ask Sam for feedback on my slides by Friday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await run_until(pilot, plan, lambda t: t.kind == "review")

        items = screen(pilot).turn.review
        looped = [i for i, item in enumerate(items) if item.step == "first-step"]
        assert len(looped) == 2
        review = screen(pilot).query_one("#answer-review", OptionList)
        assert review.option_count == len(items) + 1
        review.focus()
        review.highlighted = review.get_option_index(option_id(looped[1]))
        await pilot.press("enter")
        await settle(pilot)
        assert screen(pilot).turn.step.id == "first-step"
        field = screen(pilot).query_one("#answer-line", Input)
        assert field.value == "Ask Sam for feedback on my slides by Friday"
        await pilot.press("end", "space", "n", "o", "o", "n")
        await pilot.press("enter")
        await settle(pilot)
        await run_until(pilot, plan, lambda t: t.kind == "review")
        answers = [item.answer for item in screen(pilot).turn.review
                   if item.step == "first-step"]
        assert answers == [plan["first-step"], "Ask Sam for feedback on my slides by Friday noon"]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        session_id = app.screen.session_id
    kinds = [e.kind for e in store.events(session_id)]
    assert "edit" in kinds and kinds[-1] == "finished"


async def test_footer_follows_the_step_without_rebuilding_its_keys(store, library, tmp_path):
    """Skip is shown only where the step can be skipped; keys are updated in place."""
    from assistant.tui.textual_internals import FooterKey
    from assistant.tui.widgets.key_footer import KeyFooter

    app = make(store, library, tmp_path, facts=None, start=SCRIPT)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        footer = screen(pilot).query_one(KeyFooter)
        seen_keys: dict[int, FooterKey] = {}  # kept alive, so ids are not reused
        for _ in range(12):
            turn = screen(pilot).turn
            if turn.kind == "review":
                break
            await settle(pilot)
            keys = list(footer.query_children(FooterKey))
            seen_keys.update((id(k), k) for k in keys)
            shown = {k.action for k in keys if k.display}
            assert ("skip" in shown) == (turn.can_skip and turn.kind not in ("info", "review"))
            assert "send" in shown and "pause" in shown
            await answer_current(pilot, {})
        # Rebuilt only when a key first appears, not on every turn.
        assert len(seen_keys) <= 3 * 7


async def test_control_characters_shown_harmless(store, library, tmp_path):
    app = make(store, library, tmp_path, facts=None, start=SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, lambda t: t.kind == "text")
        area = screen(pilot).query_one(TextArea)
        area.insert("evil \x1b[31mred\x07 [b]x[/b] words to pad it out by 2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = transcript_text(pilot)
        assert "evil \\x1b[31mred\\x07 [b]x[/b]" in shown
        assert "\x1b" not in shown


async def test_bidi_controls_and_c1_are_shown_as_codes(store, library, tmp_path):
    app = make(store, library, tmp_path, facts=None, start=SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, lambda t: t.kind == "text")
        area = screen(pilot).query_one(TextArea)
        area.insert("pay \u202etxt.exe\u202c to \u2067Kim\u2069 now\x9b31m by 2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = transcript_text(pilot)
        assert "pay \\u202etxt.exe\\u202c to \\u2067Kim\\u2069 now\\x9b31m" in shown
        assert not any(c in shown for c in "\u202e\u202c\u2067\u2069\x9b")


async def test_pause_and_resume_from_home(store, library, tmp_path):
    app = make(store, library, tmp_path, facts=None, start=SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_until(pilot, {}, lambda t: t.kind == "text")
        await type_text(pilot, "A wish that is kept")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        unfinished = app.screen.query_one("#unfinished", OptionList)
        assert unfinished.display and unfinished.option_count == 1
        unfinished.focus()
        unfinished.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert "A wish that is kept" in transcript_text(pilot)
        assert screen(pilot).turn.kind in ("text", "probe")


async def test_history_search_open_and_delete(store, library, tmp_path):
    kept = Dialogue.start(store, library, SCRIPT)
    kept.answer(None)
    kept.answer("skills")
    kept.answer("Learn to facilitate workshops by March")
    other = Dialogue.start(store, library, SCRIPT)
    other.answer(None)
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("slash")
        await type_text(pilot, "facilit")
        await settle(pilot)
        assert table.row_count == 1 and app.screen.rows[0].session.id == kept.id
        await pilot.press("enter")  # to the table
        await pilot.press("enter")  # open the summary
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "facilitate workshops" in app.screen.markdown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)

        app.screen.query_one(Input).value = ""
        await settle(pilot)
        table.focus()
        table.move_cursor(row=[r.session.id for r in app.screen.rows].index(other.id))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # the safe default: nothing deleted
        await settle(pilot)
        assert len(store.sessions()) == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [s.id for s in store.sessions()] == [kept.id]
        assert table.row_count == 1


async def test_summary_export_and_copy(store, library, tmp_path):
    d = Dialogue.start(store, library, SCRIPT)
    d.answer(None)
    d.answer("skills")
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SummaryScreen(d.id))
        await settle(pilot)
        for key, ext in (("m", "md"), ("w", "html"), ("j", "json")):
            await pilot.press(key)  # asks where, in the app's export folder
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            path = tmp_path / f"reflect-{SCRIPT}-{d.id}.{ext}"
            assert path.is_file() and (path.stat().st_mode & 0o777) == 0o600
            status = str(app.screen.query_one("#summary-status", Label).content)
            assert str(path) in status
        assert (tmp_path / f"reflect-{SCRIPT}-{d.id}.md").read_text() == d.summary("md")
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == d.summary("md")


async def test_language_switch_keys_theme_and_palette(store, library, tmp_path):
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")  # en -> de
        await settle(pilot)
        assert app.lang == "de"
        labels = [str(w.content) for w in app.screen.query(Label)]
        assert any("Einen Dialog beginnen" in text for text in labels)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("escape")
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark != dark
        titles = [c.title for c in app.get_system_commands(app.screen)]
        title = library.script(SCRIPT, "de").title
        assert f"Beginnen: {title}" in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, f"Beginnen: {title}")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen)
        assert app.screen.dialogue is not None and app.screen.dialogue.info.lang == "de"


async def test_after_the_language_switch_the_footer_and_key_panel_say_the_keys_in_it(
        store, library, tmp_path):
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)

        def footer() -> list[str]:
            return [key.description for key in app.screen.query("FooterKey")]

        assert {"History", "Language", "Keys"} <= set(footer())
        await pilot.press("l")  # en -> de
        await settle(pilot)
        assert {"Verlauf", "Sprache", "Tasten"} <= set(footer())
        # Textual's own key panel reads the same bindings
        described = {b.binding.action: b.binding.description
                     for b in app.screen.active_bindings.values()}
        assert described["app.history"] == "Verlauf"
        assert described["quit"] == "Beenden"
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert not any(text.startswith("key.") for text in footer())


async def test_the_language_names_on_home_switch_the_language_with_the_mouse(store, library,
                                                                             tmp_path):
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = app.screen.query_one("#language-row", Static)
        text = str(row.render())
        assert text.startswith("Language: English · Deutsch · Dansk")
        await pilot.click("#language-row", offset=(text.index("Dansk") + 1, 0))
        await settle(pilot)
        assert app.lang == "da"
        assert isinstance(app.screen, HomeScreen)
        row = app.screen.query_one("#language-row", Static)
        assert str(row.render()).startswith("Sprog: English · Deutsch · Dansk")
        titles = [str(app.screen.query_one("#scripts", OptionList).get_option_at_index(i)
                      .prompt).split("\n")[0] for i in range(4)]
        assert any(library.script(SCRIPT, "da").title in title for title in titles)
        await pilot.click("#language-row", offset=(str(row.render()).index("English") + 1, 0))
        await settle(pilot)
        assert app.lang == "en"


async def test_closed_screens_are_not_kept_alive_by_their_header(store, library, tmp_path):
    """Textual's Header watches the app's title and is kept alive by the app until the
    title changes; the header of a closed screen is gone once collected, and the header
    still open shows the title."""
    import gc
    import weakref

    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.prepare()  # the warm-up keeps what exists then for good: before the screens
        while not app.preloaded:
            await pilot.pause(0.02)
        await settle(pilot)
        closed = []
        for _ in range(3):
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            closed.append(weakref.ref(app.screen.query_one(Header)))
            await pilot.press("escape")
            await settle(pilot)
        await settle(pilot)
        gc.collect()
        # (The screen closed last is still the value of one of Textual's context
        # variables until another screen handles a message: one, not one per screen.)
        assert [ref() for ref in closed[:-1]] == [None, None]
        assert isinstance(app.screen, HomeScreen)
        assert "Reflect" in str(app.screen.query_one("HeaderTitle").render())


async def test_the_store_is_checkpointed_after_a_turn_is_shown(store, library, tmp_path):
    db = Path(store.path)
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_start(SCRIPT)
        await settle(pilot)
        before = _digest(db)
        await pilot.press("ctrl+s")  # past the welcome: the turn's events are committed
        await settle(pilot)
        assert isinstance(app.screen, DialogueScreen) and app.screen.turn.kind != "info"
        assert _digest(db) != before  # and copied from the log into the database


async def test_inputs_are_kept_between_turns_and_only_one_is_shown(store, library, tmp_path):
    """Each kind of input is mounted once per dialogue (ahead, hidden) and then reused:
    the shown one holds the focus, the others are hidden, and answering through the
    reused widgets still stores the answers."""
    app = make(store, library, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.action_start(SCRIPT)
        await settle(pilot)
        seen: dict[str, object] = {}
        for _ in range(60):
            s = screen(pilot)
            turn = s.turn
            if turn is None or turn.kind == "review":
                break
            shown = s.answer_input
            inputs = list(s.query(".answer-input"))
            assert shown is not None and [w for w in inputs if w.display] == [shown]
            assert app.focused is not None and shown in app.focused.ancestors_with_self
            slot = turn.kind if turn.kind != "probe" else "text"
            if turn.kind == "text" and turn.step.multiline:
                slot = "text-ml"
            if slot in seen and slot != "scale":
                assert seen[slot] is shown  # the same widget, shown again
            seen[slot] = shown
            await answer_current(pilot, {})
        assert isinstance(app.screen, DialogueScreen) and app.screen.turn.kind == "review"
        d = Dialogue.resume(store, library, app.screen.session_id)
        assert d.stepper.answered_count() >= 5


async def test_pair_and_practice_sessions_are_not_opened_as_dialogues(store, library, tmp_path):
    solo = Dialogue.start(store, library, SCRIPT)
    solo.answer(None)
    pair = store.create_session("evaluation-reflection", "en", title="Pair part", mode="pair",
                                meta={"pair": "K7QX2M", "part": "member"})
    practice = store.create_session("practice", "en", title="Practice", mode="practice")
    store.set_status(practice, "finished")
    app = make(store, library, tmp_path, facts=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        unfinished = home.query_one("#unfinished", OptionList)
        recent = home.query_one("#recent", OptionList)
        def ids(options: OptionList) -> list[str | None]:
            return [options.get_option_at_index(i).id for i in range(options.option_count)]

        assert ids(unfinished) == [solo.id]  # the dialogue, not the pair part
        assert practice not in ids(recent)  # a practice run is not a dialogue summary
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        row = next(i for i, r in enumerate(history.rows) if r.session.id == pair)
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is history  # not opened; a notice names the command instead
        assert any("reflect pair show K7QX2M" in n.message for n in app._notifications)


def _digest(path) -> str:
    """A short stand-in for a file's bytes (assertion messages stay readable)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
