"""Pair evaluation: the service, the store lookup it needs, and the plain front end."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from assistant.content import rules_dir
from assistant.errors import UserError
from assistant.library import Library
from assistant.pair import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PairService,
    normalise_code,
)
from assistant.pair_plain import PairPlain
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
    # trip over join codes and times that happen to contain those digits.
    assert "{{ 7*7 }} \\x1b[31m" in md and "\x1b" not in md


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
