"""Pair evaluation and practice from the home screen, as a first-time user finds them.

Real Textual under Pilot, the bundled library and a real store in a temporary data
home. The form is filled with the keyboard; what counts is what the store then holds.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, OptionList, Static

from assistant.services.library import Library
from assistant.services.pair import PairService
from assistant.store import Store
from assistant.tui.app import make_app
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.pair import PairScreen
from assistant.tui.screens.pair_part import PairPartScreen
from assistant.tui.screens.pair_setup import PairSetupScreen, join_command
from assistant.tui.screens.practice import PracticeScreen


@pytest.fixture
def store(data_home):
    with Store.open(data_home) as s:
        yield s


@pytest.fixture(scope="module")
def library():
    return Library()


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled (no sleeping)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_keys(pilot, text: str) -> None:
    await pilot.press(*[("space" if c == " " else c) for c in text])


def option_ids(options: OptionList) -> list[str | None]:
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def choose_on_home(pilot, option_id: str) -> None:
    """Move the highlight to `option_id` with the arrow keys and press Enter."""
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    scripts = home.query_one("#scripts", OptionList)
    assert pilot.app.focused is scripts
    target = option_ids(scripts).index(option_id)
    while scripts.highlighted != target:
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


def error_of(screen, field: str) -> str:
    """The message under `field`, "" when none is shown."""
    widget = screen.query_one(f"#setup-{field}-error", Static)
    return str(widget.render()) if widget.display else ""


def pair_sessions(store: Store) -> list:
    return store.sessions_with_meta("pair")


async def open_setup(pilot) -> PairSetupScreen:
    await settle(pilot)
    await choose_on_home(pilot, "@pair")
    screen = pilot.app.screen
    assert isinstance(screen, PairSetupScreen)
    assert pilot.app.focused is screen.query_one("#setup-name", Input)
    return screen


async def test_the_home_list_ends_with_pair_practice_and_drill_and_shows_their_purpose(
        store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        scripts = app.screen.query_one("#scripts", OptionList)
        ids = option_ids(scripts)
        assert ids[-3:] == ["@pair", "@practice", "@drill"]
        assert all(i and not i.startswith("@") for i in ids[:-3])  # the dialogues first
        pair_line = str(scripts.get_option_at_index(len(ids) - 3).prompt)
        assert pair_line.startswith("Evaluate our partnership together")
        assert "~25 min" in pair_line
        purpose = app.screen.query_one("#purpose", Static)
        first = library.script(ids[0], "en").purpose
        assert str(purpose.render()) == first
        while scripts.highlighted != len(ids) - 3:
            await pilot.press("down")
        await pilot.pause()
        assert "answer privately" in str(purpose.render())
        await pilot.press("down")
        await pilot.pause()
        assert str(purpose.render()).startswith("For mentors: reply to short scripted")
        await pilot.press("down")
        await pilot.pause()
        assert str(purpose.render()).startswith("For mentors: five short exercises")
        await pilot.press("down")  # round to the first dialogue again
        await pilot.pause()
        assert str(purpose.render()) == first


async def test_both_at_one_keyboard_from_home_to_the_pair_screen(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        await type_keys(pilot, "Ana")
        await pilot.press("enter")  # on to the role
        await pilot.press("right")  # mentee: arrows choose
        await pilot.press("tab", "tab")  # past "where" (this keyboard) to the partner
        assert app.focused is screen.query_one("#setup-partner", Input)
        await type_keys(pilot, "Ben Okafor")
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, PairScreen)
        assert app.screen.mode == "keyboard" and app.screen.me == "Ana"
        assert "I am Ana: start" in str(app.screen.query_one("#pair-go").label)
        (pair,) = PairService(store, library).pairs()
        assert pair.script == "evaluation-reflection" and pair.lang == "en"
        assert pair.host == "Ana"
        assert sorted((m.name, m.role) for m in pair.members) == [
            ("Ana", "mentee"), ("Ben Okafor", "mentor")]

        await pilot.press("escape")  # close the pair screen: back home, not to the form
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1


async def test_the_form_says_what_is_missing_and_stays(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        screen.query_one("#setup-begin").press()
        await settle(pilot)
        assert app.screen is screen
        assert error_of(screen, "name") == "Please write your name."
        assert error_of(screen, "partner") == "Please write your partner's name."
        assert app.focused is screen.query_one("#setup-name", Input)

        await type_keys(pilot, "Ana")
        assert error_of(screen, "name") == ""  # typing answers the message
        await pilot.press("enter", "tab", "tab")
        await type_keys(pilot, " ana ")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "different from yours" in error_of(screen, "partner")
        assert pair_sessions(store) == []  # nothing stored for a form that failed

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert pair_sessions(store) == []


async def test_a_bad_or_unknown_code_is_said_next_to_the_code(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        await type_keys(pilot, "Dev")
        await pilot.press("enter", "tab", "down")  # each at our own terminal
        await pilot.press("tab", "down")  # join with a code
        assert not screen.query_one("#setup-partner-row").display
        assert screen.query_one("#setup-code-row").display
        await pilot.press("tab")
        assert app.focused is screen.query_one("#setup-code", Input)
        await pilot.press("enter")
        await settle(pilot)
        assert error_of(screen, "code") == "Please type the code from your partner's screen."

        for code, said in (("K7M", "A code has 6 letters and digits"),
                           ("K7M2Q0", "A code has 6 letters and digits"),  # 0 is never used
                           ("k7m-2qx", "There is no pair with the code K7M2QX")):
            screen.query_one("#setup-code", Input).value = code
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            assert error_of(screen, "code").startswith(said), code
            assert "Traceback" not in error_of(screen, "code")
        assert pair_sessions(store) == []


async def test_start_gives_a_code_the_partner_can_join_with(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        await type_keys(pilot, "Cleo")
        await pilot.press("enter", "tab", "down")  # each at our own terminal
        assert screen.query_one("#setup-terminal").display  # start (the default) or join
        await pilot.press("enter")  # Enter on a choice sends the form
        await settle(pilot)

        assert app.screen is screen
        assert screen.query_one("#setup-share").display
        assert not screen.query_one("#setup-form").display
        code = str(screen.query_one("#setup-share-code", Static).render()).strip()
        pair = PairService(store, library).pair(code)
        assert [(m.name, m.role) for m in pair.members] == [("Cleo", "mentor")]
        command = str(screen.query_one("#setup-share-command", Static).render())
        assert f"reflect pair join {code} --name NAME" in command
        assert "--data-dir" not in command  # REFLECT_HOME already points at it

        await pilot.press("enter")  # Begin my part
        await settle(pilot)
        assert isinstance(app.screen, PairPartScreen)
        assert app.screen.member.name == "Cleo"
        partner_line = str(app.screen.query_one("#pair-partner", Label).render())
        assert code in partner_line  # the code stays in sight while she answers
        assert isinstance(app.screen_stack[-2], PairScreen)
        assert app.screen_stack[-2].mode == "terminal"


def test_the_join_command_names_a_data_home_that_is_not_the_default(data_home, tmp_path):
    assert join_command(data_home, "K7M2QX") == "reflect pair join K7M2QX --name NAME"
    elsewhere = tmp_path / "our pair"
    assert join_command(elsewhere, "K7M2QX") == (
        f"reflect pair join K7M2QX --name NAME --data-dir '{elsewhere}'")


async def test_join_with_a_code_takes_the_free_role(store, library):
    service = PairService(store, library)
    pair = service.create("evaluation-reflection", "en", host="Cleo")
    service.join(pair.code, "Cleo", "mentor")
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        await type_keys(pilot, "Dev")
        await pilot.press("enter", "tab", "down", "tab", "down", "tab")
        await type_keys(pilot, pair.code.lower())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert error_of(screen, "role") == "This pair already has a mentor. Choose the other role."
        assert app.focused is screen.query_one("#setup-role")
        await pilot.press("right")  # mentee
        assert error_of(screen, "role") == ""
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PairPartScreen)
        assert app.screen.member.name == "Dev"
    pair = service.refresh(pair)
    assert sorted((m.name, m.role) for m in pair.members) == [
        ("Cleo", "mentor"), ("Dev", "mentee")]


async def test_the_practice_entry_opens_practice(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_on_home(pilot, "@practice")
        assert isinstance(app.screen, PracticeScreen)


async def test_the_palette_offers_the_pair_evaluation(store, library):
    app = make_app(store, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Practise active listening" in commands
        command = commands["Evaluate our partnership together"]
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, PairSetupScreen)


async def test_in_german(store, library):
    app = make_app(store, library, lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        scripts = app.screen.query_one("#scripts", OptionList)
        lines = [str(scripts.get_option_at_index(i).prompt) for i in range(scripts.option_count)]
        assert lines[-3].startswith("Unsere Partnerschaft gemeinsam auswerten")
        assert lines[-2].startswith("Aktives Zuhören üben") and "pro Mentee" in lines[-2]
        assert lines[-1].startswith("Die schwächste Fähigkeit trainieren")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Unsere Partnerschaft gemeinsam auswerten" in titles

        screen = await open_setup(pilot)
        labels = [str(w.render()) for w in screen.query(".setup-label")]
        assert labels[:3] == ["Dein Name", "Deine Rolle", "Wo antwortet ihr?"]
        assert str(screen.query_one("#setup-begin").label) == "Los geht's"
        await pilot.press("enter")
        screen.query_one("#setup-begin").press()
        await settle(pilot)
        assert error_of(screen, "name") == "Bitte schreib deinen Namen."

        assert app.focused is screen.query_one("#setup-name", Input)
        await type_keys(pilot, "Ana")
        await pilot.press("tab", "tab", "tab")
        await type_keys(pilot, "Ben")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PairScreen)
        assert "Ich bin Ana: los" in str(app.screen.query_one("#pair-go").label)
    (pair,) = PairService(store, library).pairs()
    assert pair.lang == "de"


def test_a_pair_that_cannot_be_completed_is_not_left_behind(store, library):
    from assistant.core.errors import UserError
    from assistant.tui.screens.pair_setup import PairForm, open_pair

    service = PairService(store, library)
    form = PairForm(name="Ana", role="mentor", how="keyboard", partner="B" * 41)
    with pytest.raises(UserError, match="longer than 40"):
        open_pair(service, form, "en")
    assert pair_sessions(store) == []


# ------------------------------------------------ what PairService refuses, in the app's language

#: Words of the English refusals that none of the German or Danish ones contain.
ENGLISH = ("There is", "pair", "already", "joined", "Choose", "the code", "role")


async def join_with_code(pilot, name: str, code: str) -> PairSetupScreen:
    """Fill the form as someone at their own terminal joining with `code`, and send it."""
    screen = await open_setup(pilot)
    await type_keys(pilot, name)
    await pilot.press("enter", "tab", "down", "tab", "down", "tab")  # own terminal, join
    assert pilot.app.focused is screen.query_one("#setup-code", Input)
    await type_keys(pilot, code)
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen is screen
    return screen


async def test_an_unknown_code_is_refused_in_german(store, library):
    app = make_app(store, library, lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_with_code(pilot, "Dev", "k7m-2qx")
        said = error_of(screen, "code")
        assert said == ("Hier gibt es kein Paar mit dem Code K7M2QX. Schau noch einmal auf "
                        "den Bildschirm deines Gegenübers.")
        assert not [word for word in ENGLISH if word in said]
        assert app.focused is screen.query_one("#setup-code", Input)
    assert pair_sessions(store) == []


async def test_a_taken_role_is_refused_in_german_with_the_role_named_in_german(store,
                                                                              library):
    service = PairService(store, library)
    pair = service.create("evaluation-reflection", "de", host="Cleo")
    service.join(pair.code, "Cleo", "mentor")
    app = make_app(store, library, lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_with_code(pilot, "Dev", pair.code)
        said = error_of(screen, "role")
        assert said == "Dieses Paar hat schon eine Person als Mentor:in. Wähl die andere Rolle."
        assert not [word for word in ENGLISH if word in said]
        assert app.focused is screen.query_one("#setup-role")
    assert len(service.refresh(pair).members) == 1


async def test_a_full_pair_and_a_name_joined_as_the_other_role_are_refused_in_danish(
        store, library):
    service = PairService(store, library)
    pair = service.create("evaluation-reflection", "da", host="Cleo")
    service.join(pair.code, "Cleo", "mentor")
    service.join(pair.code, "Dev", "mentee")
    app = make_app(store, library, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await join_with_code(pilot, "Eli", pair.code)
        said = error_of(screen, "name")
        assert said == ("Dette par har allerede Cleo & Dev. Brug et af de navne for at "
                        "fortsætte.")
        assert not [word for word in ENGLISH if word in said]

        screen.query_one("#setup-name", Input).value = "cleo"  # Cleo, but as mentee
        screen.query_one("#setup-role").query_one("#role-mentee").value = True
        screen.query_one("#setup-code", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        said = error_of(screen, "role")
        assert said == ("Cleo er allerede med i dette par som mentor. Vælg den rolle for at "
                        "fortsætte.")
        assert not [word for word in ENGLISH if word in said]
    assert len(service.refresh(pair).members) == 2


async def test_a_refusal_for_no_one_field_is_said_under_the_form_in_german(store, library):
    """At one keyboard a name PairService refuses could be either person's: the message
    goes under the form (here: a partner's name too long, set past the input's limit)."""
    app = make_app(store, library, lang="de")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        await type_keys(pilot, "Ana")
        screen.query_one("#setup-partner", Input).value = "B" * 41
        screen.query_one("#setup-begin").press()
        await settle(pilot)
        assert app.screen is screen
        status = str(screen.query_one("#setup-status", Static).render())
        assert status == "Dieser Name ist länger als 40 Zeichen. Ein Vorname genügt."
        assert screen.query_one("#setup-status").has_class("setup-error")
    assert pair_sessions(store) == []
