"""Pair evaluation: the service, the store lookup it needs, and the plain front end."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from assistant.core.errors import UserError
from assistant.plain.pair import PairPlain
from assistant.services.content import rules_dir
from assistant.services.library import Library
from assistant.services.pair import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PairService,
    normalise_code,
)
from assistant.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "pair"
MINI = "evaluation-mini"


@pytest.fixture
def store(data_home: Path):
    with Store.open(data_home) as opened:
        yield opened


@pytest.fixture
def service(store: Store) -> PairService:
    return PairService(store, Library(prompts=FIXTURES, rules=rules_dir()))


def answer_all(service: PairService, pair, member, answers: list) -> None:
    d = service.dialogue(pair, member)
    turn = d.current()
    for value in answers:
        turn = service.preanswer(d, member, turn)
        turn = d.answer(value)
    assert turn.kind == "done", turn


# mini script: welcome, meetings (scale), trust (scale), goals-clear, feedback (yes/no),
# went-well, change (text), review
ANA = [None, 4, 5, True, True, "Ana: good talks", "Ana: nothing", True]
BEN = [None, 2, 4, False, True, "Ben: clear goals", "Ben: meet more often", True]


# --------------------------------------------------------------------------- store


def test_sessions_with_meta_finds_one_pairs_sessions(store: Store) -> None:
    a = store.create_session("s", "en", mode="pair", meta={"pair": "AAAAAA", "part": "joint"})
    b = store.create_session("s", "en", mode="pair", meta={"pair": "AAAAAA", "part": "member"})
    store.create_session("s", "en", mode="pair", meta={"pair": "BBBBBB", "part": "member"})
    store.create_session("s", "en", mode="solo", meta={"pair": "AAAAAA"})
    assert [s.id for s in store.sessions_with_meta("pair", pair="AAAAAA")] == [a, b]
    assert [s.id for s in store.sessions_with_meta("pair", pair="AAAAAA", part="member")] == [b]
    assert store.sessions_with_meta("pair", pair="ZZZZZZ") == []
    with pytest.raises(ValueError):
        store.sessions_with_meta("pair", **{"x') OR 1=1 --": "y"})


# --------------------------------------------------------------------------- service


def test_code_is_short_unambiguous_and_forgiving(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    assert len(pair.code) == CODE_LENGTH and set(pair.code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)
    typed = "-".join([pair.code[:3].lower(), pair.code[3:]])
    assert normalise_code(typed) == pair.code
    assert service.pair(typed).record == pair.record
    with pytest.raises(UserError):
        service.pair("NOPE22")


def test_join_assigns_roles_and_rejoining_resumes(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    with pytest.raises(UserError, match="already has a mentor"):
        service.join(pair.code, "Ben", "mentor")
    pair, ben = service.join(pair.code, "Ben")
    assert (ana.role, ben.role) == ("mentor", "mentee")
    again = service.join(pair.code, "ben")[1]
    assert again.session == ben.session
    with pytest.raises(UserError, match="already has"):
        service.join(pair.code, "Cleo")
    assert len(service.store.sessions_with_meta("pair", pair=pair.code)) == 3


def test_progress_counts_without_content_and_reveal_waits_for_both(service) -> None:
    pair = service.create(MINI, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    d = service.dialogue(pair, ben)
    d.answer(None)
    d.answer(2)
    p = service.progress(pair, ben)
    assert (p.answered, p.total, p.finished) == (1, 6, False)
    answer_all(service, pair, ana, ANA)
    with pytest.raises(UserError, match="not finished by both"):
        service.compare(pair)


def test_compare_flags_rating_gaps_and_opposite_yes_no(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    answer_all(service, pair, ben, BEN)  # finishing order does not matter
    answer_all(service, pair, ana, ANA)
    comparison = service.compare(pair)
    flags = {i.step: (i.flag, i.gap) for i in comparison.items}
    assert flags == {"meetings": ("rating", 2), "trust": ("", 1), "goals-clear": ("yesno", 0),
                     "feedback": ("", 0), "went-well": ("", 0), "change": ("", 0)}
    went = next(i for i in comparison.items if i.step == "went-well")
    assert [(a.name, a.text) for a in went.answers] == [("Ana", "Ana: good talks"),
                                                        ("Ben", "Ben: clear goals")]


def test_summary_has_both_perspectives_flags_and_agreement(service: PairService) -> None:
    pair = service.create(MINI, "de", host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    answer_all(service, pair, ana, ANA)
    answer_all(service, pair, ben, BEN)
    joint = service.joint(pair)
    for value in [None, "- Alle zwei Wochen treffen\n- Ben bringt Fragen mit", "2025-10-01",
                  True]:
        joint.answer(value)
    md = service.summary(pair)
    talk = md.split("## Sprecht darüber")[1].split("## Beide Sichtweisen")[0]
    assert "How well does the rhythm" in talk and "Are the goals" in talk
    assert "openly" not in talk
    assert "1. Alle zwei Wochen treffen\n2. Ben bringt Fragen mit" in md
    assert "2025-10-01" in md and "Ana: good talks" in md and "Ben: clear goals" in md


def test_answers_are_data_in_the_summary(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    answer_all(service, pair, ana, ANA[:5] + ["{{ 7*7 }} \x1b[31m", "x", True])
    answer_all(service, pair, ben, BEN)
    md = service.summary(pair)
    # Shown as typed (so never evaluated), the escape made visible; a "49" check would
    # trip over join codes and times that happen to contain those digits. The answer is
    # Markdown text, so what a reader sees is the rendered page.
    shown = html.unescape(re.sub(r"<[^>]*>", "", MarkdownIt("commonmark").render(md)))
    assert "{{ 7*7 }} \\x1b[31m" in shown and "\x1b" not in md


# --------------------------------------------------------------------------- plain


def lines(*answers: object) -> str:
    return "".join(f"{'' if a is None else a}\n" for a in answers)


def test_plain_same_keyboard_run_over_stdin_for_both_roles(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    service.join(pair.code, "Ana", "mentor")
    pair, _ = service.join(pair.code, "Ben", "mentee")
    stdin = io.StringIO(
        lines("", 4, 5, "yes", "yes", "Ana: good talks", "Ana: nothing", ":done")
        + lines("")  # Ben presses Enter when ready
        + lines("", 2, 4, "no", "yes", "Ben: clear goals", "Ben: meet more often", ":done")
        + lines("")  # both ready for the reveal
        + lines("", "Meet every second week", "Ben brings one question", "", "2025-10-01", ""))
    out = io.StringIO()
    assert PairPlain(service, stdin, out).same_keyboard(pair) == 0
    text = out.getvalue()
    handover = text.index("Pass the keyboard to Ben")
    reveal = text.index("Your answers side by side")
    # Nothing of Ana's reaches the screen while Ben answers, and nothing of Ben's before.
    ben_part = text[handover:reveal]
    assert "Ana: good talks" not in ben_part and "Ana: nothing" not in ben_part
    assert "Ben: clear goals" not in text[:handover]
    assert text.count(">> Talk about this") == 2
    assert "your ratings are 2 points apart" in text
    assert "one of you said yes, the other no" in text
    assert "1. Meet every second week\n2. Ben brings one question" in text
    assert service.refresh(pair).agreed


def test_plain_two_terminals_in_turn_for_each_role(service: PairService) -> None:
    """Each role's terminal in plain mode; the guest waits for the host's agreement."""
    pair = service.create(MINI, host="Ana")
    pair, ana = service.join(pair.code, "Ana", "mentor")
    pair, ben = service.join(pair.code, "Ben", "mentee")
    out_ben = io.StringIO()
    # Ben answers first; his terminal then waits for Ana. Drive it with a fake sleep that
    # lets Ana answer (as her own terminal would) the first time Ben waits.
    plain_ana = PairPlain(service, io.StringIO(
        lines("", 4, 5, "y", "y", "Ana: good talks", "Ana: nothing", "")
        + lines("", "Meet weekly", "", "", "")), io.StringIO())
    calls = []

    def ana_acts(_: float) -> None:
        calls.append(1)
        if len(calls) == 1:
            assert plain_ana.two_terminals(pair, ana) == 0

    plain_ben = PairPlain(service, io.StringIO(
        lines("", 2, 4, "n", "y", "Ben: clear goals", "Ben: more", "")), out_ben,
        sleep=ana_acts)
    assert plain_ben.two_terminals(pair, ben) == 0
    text = out_ben.getvalue()
    assert "(your partner has not joined yet" not in text  # Ana had joined
    assert "(Ana: 0 of 6 answered)" in text
    assert "Waiting for Ana: 0 of 6 answered" in text
    assert text.index("Waiting for Ana") < text.index("Ana: good talks")
    assert "Ana writes down what you agree" not in text  # already agreed when Ben got there
    assert "1. Meet weekly" in text


def test_plain_pause_and_continue(service: PairService) -> None:
    pair = service.create(MINI, host="Ana")
    service.join(pair.code, "Ana", "mentor")
    pair, _ = service.join(pair.code, "Ben", "mentee")
    out = io.StringIO()
    assert PairPlain(service, io.StringIO(lines("", 4)), out).same_keyboard(pair) == 0
    assert f"reflect pair continue {pair.code}" in out.getvalue()
    rest = (lines(5, "y", "y", "Ana: good", "", "") + lines("")
            + lines("", 2, 4, "n", "y", "Ben: good", "", "") + lines("")
            + lines("", "Meet weekly", "", "", ""))
    out = io.StringIO()
    assert PairPlain(service, io.StringIO(rest), out).same_keyboard(pair) == 0
    assert "Finished. Show this again with: reflect pair show" in out.getvalue()


def test_cli_same_keyboard_over_a_pipe_in_german(data_home: Path) -> None:
    """`reflect pair SCRIPT --me --role --partner --plain`, both people on one stdin."""
    import os

    from .plain_driver import run_reflect

    env = {**os.environ, "REFLECT_HOME": str(data_home)}
    stdin = (lines("", 2, 4, "nein", "ja", "Ana: klare Ziele", "", ":done", "")
             + lines("", 4, 5, "ja", "ja", "Ben: gute Gespräche", "", ":done", "")
             + lines("", "Wir treffen uns alle zwei Wochen", "", "2025-10-01", ""))
    done = run_reflect("pair", str(FIXTURES / "evaluation-mini.yaml"), "--me", "Ana",
                       "--role", "mentee", "--partner", "Ben", "--plain", "--lang", "de",
                       input=stdin, env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Ana (Mentee): Diese Fragen sind nur für dich." in out
    assert "Gib die Tastatur an Ben weiter." in out
    assert out.index("Ben (Mentor:in)") > out.index("Gib die Tastatur an Ben weiter.")
    summary = out.split("# Auswertung der Partnerschaft: Ben und Ana")[1]
    talk = summary.split("## Sprecht darüber")[1].split("## Beide Sichtweisen")[0]
    assert talk.count("**") == 4  # two flagged questions: meetings (2 vs 4), goals (no/yes)
    assert "1. Wir treffen uns alle zwei Wochen" in summary
    code = re.search(r"reflect pair show ([A-Z0-9]{6})", out).group(1)
    shown = run_reflect("pair", "show", code, env=env)
    assert shown.stdout.strip() == ("# Auswertung der Partnerschaft: Ben und Ana"
                                    + summary.split("\n\nFertig.")[0]).strip()


# ------------------------------------------------ errors: English for the CLI, keyed for the TUI


def _raised_user_errors() -> list:
    """Every `UserError(...)` call in assistant/services/pair.py, read from its syntax tree (so a
    new one is found without a list to keep up to date)."""
    import ast

    import assistant.services.pair as pair_module

    tree = ast.parse(Path(pair_module.__file__).read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == "UserError"]


def test_every_pair_error_has_a_key_in_every_language_with_its_params() -> None:
    import ast
    import string

    import assistant.services.pair as pair_module
    from assistant.i18n import translation

    calls = _raised_user_errors()
    assert len(calls) >= 10, "the scan found too few UserErrors"
    for call in calls:
        where = f"assistant/services/pair.py:{call.lineno}"
        kwargs = {k.arg: k.value for k in call.keywords}
        assert isinstance(kwargs.get("key"), ast.Name), f"{where}: no key=MESSAGE"
        key = getattr(pair_module, kwargs["key"].id)
        params = kwargs.get("params")
        given = ({k.value for k in params.keys if isinstance(k, ast.Constant)}
                 if isinstance(params, ast.Dict) else set())
        for lang in ("en", "de", "da"):
            text = translation(lang).gettext(key)
            assert lang == "en" or text != key, f"{where}: {key!r} has no {lang} text"
            wanted = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert wanted <= given, f"{where}: {key} ({lang}) needs {wanted - given}"


def test_the_cli_messages_stay_english_and_the_errors_carry_keys(service) -> None:
    import assistant.services.pair as pair_module

    pair = service.create(MINI, host="Ana")
    pair, _ = service.join(pair.code, "Ana", "mentor")
    cases = [
        (lambda: service.pair("K7M2QX"), pair_module.NO_SUCH_CODE, {"code": "K7M2QX"},
         "reflect: there is no pair with the code K7M2QX\n"
         "  check the code your partner's screen shows (and --data-dir)"),
        (lambda: service.pair(" - "), pair_module.NO_CODE, {},
         "reflect: there is no pair with the code (empty)\n"
         "  check the code your partner's screen shows (and --data-dir)"),
        (lambda: service.join(pair.code, "Ben", "mentor"), pair_module.ROLE_TAKEN,
         {"code": pair.code, "role": "mentor"},
         f"reflect: pair {pair.code} already has a mentor\n"
         "  join as the mentee (--role mentee)"),
        (lambda: service.join(pair.code, "ana", "mentee"), pair_module.JOINED_AS,
         {"name": "Ana", "code": pair.code, "role": "mentor"},
         f"reflect: Ana already joined pair {pair.code} as mentor\n"
         "  leave out --role, or use --role mentor"),
        (lambda: service.join(pair.code, "Ben", "boss"), pair_module.UNKNOWN_ROLE,
         {"role": "boss"},
         "reflect: unknown role 'boss'\n  use --role mentor or --role mentee"),
        (lambda: service.join(pair.code, "B" * 41), pair_module.NAME_TOO_LONG, {"limit": 40},
         "reflect: that name is longer than 40 characters\n  use a first name"),
        (lambda: service.join(pair.code, "  "), pair_module.NEED_NAME, {},
         "reflect: a pair needs both people's names\n  give one with --name (or --me)"),
        (lambda: service.compare(pair), pair_module.NOT_FINISHED, {"code": pair.code},
         f"reflect: pair {pair.code} is not finished by both yet\n"
         "  the answers are shown when both have finished"),
    ]
    for call, key, params, said in cases:
        with pytest.raises(UserError) as caught:
            call()
        assert (caught.value.key, caught.value.params) == (key, params)
        assert caught.value.format() == said
    service.join(pair.code, "Ben")
    with pytest.raises(UserError) as caught:
        service.join(pair.code, "Cleo")
    assert caught.value.format() == (
        f"reflect: pair {pair.code} already has Ana (mentor) and Ben (mentee)\n"
        "  join with one of these names to continue, or start a new pair")
    assert (caught.value.key, caught.value.params) == (
        pair_module.FULL, {"code": pair.code, "names": "Ana & Ben"})


def test_a_user_error_without_a_key_is_as_before() -> None:
    from assistant.i18n import error_text

    plain = UserError("no session abc", "run `reflect history`")
    assert (plain.message, plain.hint, plain.key, plain.params) == (
        "no session abc", "run `reflect history`", "", {})
    assert str(plain) == "no session abc"
    assert plain.format() == "reflect: no session abc\n  run `reflect history`"
    assert error_text(plain, "de") == "no session abc"
    assert error_text(plain, "de", wrap="That did not work: {error}") == (
        "Das hat nicht geklappt: no session abc")
    assert error_text(ValueError("boom"), "da") == "boom"


def test_error_text_says_a_keyed_error_in_the_language_with_the_role_named() -> None:
    import assistant.services.pair as pair_module
    from assistant.i18n import error_text

    taken = UserError("pair K7M2QX already has a mentor", key=pair_module.ROLE_TAKEN,
                      params={"code": "K7M2QX", "role": "mentor"})
    assert error_text(taken, "en") == "This pair already has a mentor. Choose the other role."
    assert error_text(taken, "de") == (
        "Dieses Paar hat schon eine Person als Mentor:in. Wähl die andere Rolle.")
    assert error_text(taken, "da") == "Dette par har allerede en mentor. Vælg den anden rolle."
    # Params its text cannot be filled from: the English message.
    assert error_text(UserError("no pair K7", key=pair_module.NO_SUCH_CODE), "de") == "no pair K7"
