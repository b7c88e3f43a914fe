"""Active-listening practice: the scenario bank, the pure engine, the stored runs, progress.

The engine is tested with a fake coder (a lookup table), so these tests say what the
engine does with a code, not whether the analysis codes well; `test_practice_codes.py`
checks the real coder on replies written for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.core import LANGS
from assistant.core.diagnostics import WARNING
from assistant.core.practice import (
    CODES,
    FOLLOWUP_FOR,
    FOLLOWUP_KINDS,
    Code,
    Practice,
    Scenario,
    check_scenarios,
    format_ratio,
    kept_codes,
    load_scenarios,
    scorecard,
)
from assistant.services.practice import PracticeRun, load_bank, progress, progress_markdown, select
from assistant.services.validate import validate
from assistant.store import Store

ROOT = Path(__file__).resolve().parent.parent
PRACTICE = ROOT / "prompts" / "practice"


# --------------------------------------------------------------------------- helpers


@dataclass
class Fake:
    code: str
    why: bool = False
    leading: bool = False
    stacked: bool = False
    judgement: bool = False
    reason: str = "because the test says so"


def fake_coder(table: dict[str, str]):
    """Codes a reply by its first word: 'open ...' -> open_question, and so on."""
    seen: list[tuple[str, str | None, str]] = []

    def code(reply: str, previous: str | None, lang: str) -> Fake:
        seen.append((reply, previous, lang))
        first = reply.split()[0].lower()
        return Fake(table.get(first, "other"), why=first == "why")

    code.seen = seen  # type: ignore[attr-defined]
    return code


TABLE = {
    "open": "open_question", "why": "open_question", "closed": "closed_question",
    "simple": "simple_reflection", "complex": "complex_reflection",
    "affirm": "affirmation", "advice": "advice", "info": "information", "mm": "other",
}


def scenario(sid: str = "s1") -> Scenario:
    return Scenario(
        id=sid, topic="workload", persona="P", context="C", opening=f"{sid} opening",
        followups={
            "open_question": ("open 1", "open 2"),
            "closed_question": ("closed 1",),
            "reflection": ("reflection 1", "reflection 2"),
            "affirmation": ("affirmation 1",),
            "advice": ("yes, but 1",),
            "other": ("other 1",),
        },
        stronger="a stronger reply",
    )


# --------------------------------------------------------------------------- scenario files


@pytest.mark.parametrize("lang", LANGS)
def test_bank_has_twenty_scenarios_with_every_follow_up(lang: str) -> None:
    bank = load_scenarios((PRACTICE / f"{lang}.yaml").read_text("utf-8"), f"{lang}.yaml")
    assert bank.lang == lang
    assert len(bank.scenarios) >= 20
    for s in bank.scenarios:
        for kind in FOLLOWUP_KINDS:
            assert len(s.followups[kind]) >= 1, (s.id, kind)
        assert s.opening and s.stronger and s.persona and s.context and s.topic
    topics = {s.id.split("-")[0] for s in bank.scenarios}
    assert {"career", "confidence", "conflict", "feedback", "workload",
            "relationship"} <= topics


def test_every_language_has_the_same_scenario_ids() -> None:
    ids = [load_bank(lang).ids() for lang in LANGS]
    assert ids[0] == ids[1] == ids[2]


def test_scenario_files_validate_in_all_three_languages() -> None:
    diags = validate([PRACTICE], ["de", "da"])
    assert diags == [], "\n".join(d.format() for d in diags)


def test_reflect_validate_accepts_the_practice_folder(capsys: pytest.CaptureFixture) -> None:
    from assistant.cli.main import main

    assert main(["validate", str(PRACTICE), "--lang", "de,da", "--strict"]) == 0
    assert "3 files checked: 0 errors, 0 warnings" in capsys.readouterr().err


def test_every_reply_code_has_a_follow_up_kind() -> None:
    assert set(FOLLOWUP_FOR) == set(CODES)
    assert set(FOLLOWUP_FOR.values()) == set(FOLLOWUP_KINDS)


BROKEN = """\
lang: en
scenarios:
  - id: one
    topic: workload
    persona: P
    context: C
    opening: "Hello"
    stronger: "Better"
    folowups: {}
  - id: one
    topic: workload
    persona: P
    context: C
    opening: ""
    stronger: "Better"
    followups:
      open_question: ["a"]
      closed_question: ["b"]
      reflection: ["c"]
      affirmation: ["d"]
      advise: ["e"]
      other: ["f"]
"""


def test_broken_scenarios_get_positioned_errors_with_hints() -> None:
    diags = check_scenarios(BROKEN, "bad.yaml")
    found = {(d.code, d.line) for d in diags}
    assert ("PS004", 9) in found  # folowups: unknown key
    assert ("PS005", 10) in found  # duplicate id
    assert ("PS003", 14) in found  # empty opening
    assert ("PS007", 21) in found  # advise: unknown reply type
    assert any(d.code == "PS006" and "advice" in d.message for d in diags)
    assert any(d.code == "PS009" and d.severity == WARNING for d in diags)
    unknown = next(d for d in diags if d.code == "PS004")
    assert "followups" in unknown.hint
    advise = next(d for d in diags if d.code == "PS007")
    assert "advice" in advise.hint


def test_reflect_validate_reports_a_broken_scenario_file(tmp_path: Path) -> None:
    bad = tmp_path / "en.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    diags = validate([bad])
    assert any(d.code == "PS006" for d in diags)
    assert all(d.file.endswith("en.yaml") for d in diags)


def test_invalid_yaml_is_reported_not_raised() -> None:
    diags = check_scenarios("scenarios: [\n", "x.yaml")
    assert diags and diags[0].code == "RS001"


# --------------------------------------------------------------------------- the engine


def test_follow_up_depends_on_the_kind_of_reply() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    assert p.current().mentee == "s1 opening"
    fb = p.reply("open what is on your mind?")
    assert fb.code.code == "open_question" and fb.listening
    assert fb.turn.mentee == "open 1"
    assert p.reply("closed did you?").turn.mentee == "closed 1"
    assert p.reply("advice do this").turn.mentee == "yes, but 1"
    assert p.reply("info facts").turn.mentee == "yes, but 1"  # information lands like advice
    assert p.reply("simple you said").turn.mentee == "reflection 1"
    assert p.reply("complex underneath").turn.mentee == "reflection 2"
    assert p.reply("complex again").turn.mentee == "reflection 2"  # the last one repeats
    assert p.reply("mm").turn.mentee == "other 1"
    assert p.reply("affirm well done").turn.mentee == "affirmation 1"
    assert p.current().suggest_next


def test_the_coder_gets_what_the_mentee_just_said_and_the_language() -> None:
    coder = fake_coder(TABLE)
    p = Practice([scenario()], coder, "de")
    p.reply("open first")
    p.reply("simple second")
    assert coder.seen == [("open first", "s1 opening", "de"), ("simple second", "open 1", "de")]


def test_retry_takes_the_last_reply_back_and_restores_the_mentee() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    p.reply("open one")
    fb = p.reply("advice do it")
    assert fb.turn.can_retry
    turn = p.retry()
    assert turn.mentee == "open 1" and turn.step == 1 and not turn.can_retry
    assert p.replies[-1].superseded
    fb = p.reply("open two")
    assert fb.turn.mentee == "open 2"  # the retried follow-up did not use up a line
    card = p.scorecard()
    assert card.counts["open_question"] == 2 and card.counts["advice"] == 0
    assert p.retry().mentee == "open 1"  # "open two" taken back
    turn = p.retry()  # only the last reply can be taken back: nothing changes
    assert turn.mentee == "open 1" and not turn.can_retry
    assert [r.superseded for r in p.replies] == [False, True, True]


def test_next_moves_through_scenarios_to_done() -> None:
    p = Practice([scenario("a"), scenario("b")], fake_coder(TABLE), "en")
    p.reply("open")
    turn = p.next()
    assert turn.scenario.id == "b" and turn.mentee == "b opening" and turn.step == 0
    assert turn.kept == 0 and not turn.can_retry
    turn = p.next()
    assert turn.done
    with pytest.raises(RuntimeError):
        p.reply("open")
    assert p.next().done


def test_scorecard_counts_and_measures_against_the_thresholds() -> None:
    codes = [Code("open_question"), Code("open_question", why=True), Code("closed_question"),
             Code("simple_reflection"), Code("complex_reflection"),
             Code("complex_reflection"), Code("complex_reflection"),
             Code("simple_reflection"), Code("advice"), Code("other", judgement=True)]
    card = scorecard(codes)
    assert card.total == 10 and card.questions == 3 and card.reflections == 5
    assert card.counts["advice"] == 1 and card.modifiers == {
        "why": 1, "leading": 0, "stacked": 0, "judgement": 1}
    rq, oq, cr = (card.measure(k) for k in ("rq_ratio", "open_share", "complex_share"))
    assert rq.value == pytest.approx(5 / 3) and rq.level == "fair"
    assert format_ratio(rq) == "1.7:1"
    assert oq.value == pytest.approx(2 / 3) and oq.level == "fair"
    assert cr.value == pytest.approx(0.6) and cr.level == "good"
    assert format_ratio(cr) == "60 %"


@pytest.mark.parametrize(("codes", "level"), [
    (["simple_reflection", "closed_question"], "fair"),  # 1:1 is fair
    (["simple_reflection"] * 2 + ["open_question"], "good"),  # 2:1 is good
    (["simple_reflection", "open_question", "open_question"], "below"),
    (["simple_reflection"], "good"),  # reflections without questions
    (["advice"], "none"),
])
def test_reflection_to_question_levels(codes: list[str], level: str) -> None:
    assert scorecard([Code(c) for c in codes]).measure("rq_ratio").level == level


def test_complex_share_thresholds_are_forty_and_fifty_percent() -> None:
    def level(complex_: int, simple: int) -> str:
        codes = [Code("complex_reflection")] * complex_ + [Code("simple_reflection")] * simple
        return scorecard(codes).measure("complex_share").level

    assert (level(1, 2), level(2, 3), level(1, 1)) == ("below", "fair", "good")


def test_kept_codes_folds_stored_events_like_the_engine() -> None:
    p = Practice([scenario("a"), scenario("b")], fake_coder(TABLE), "en")
    events = []
    for action in ["open", "advice", ":retry", "simple", ":next", "closed", ":retry",
                   ":retry", "complex"]:
        if action == ":retry":
            p.retry()
            events.append(("retry", {}))
        elif action == ":next":
            p.next()
            events.append(("next", {}))
        else:
            fb = p.reply(action)
            events.append(("reply", fb.reply.as_payload()))
    assert [c.code for c in kept_codes(events)] == [r.code.code for r in p.kept()]
    replayed = Practice([scenario("a"), scenario("b")], fake_coder({}), "en")
    for kind, payload in events:
        replayed.replay(kind, payload)
    assert replayed.scorecard() == p.scorecard()
    assert replayed.current() == p.current()


# --------------------------------------------------------------------------- stored runs


def test_a_run_stores_every_reply_with_its_code(data_home: Path) -> None:
    with Store.open() as store:
        run = PracticeRun.start(store, "en", coder=fake_coder(TABLE),
                                scenarios=["workload-always-yes"])
        run.reply("open what happened?")
        run.reply("advice say no")
        run.retry()
        run.reply("complex part of you")
        run.next()
        card = run.finish()
        info = store.session(run.id)
        events = store.events(run.id)
    assert info.script == "practice" and info.mode == "practice"
    assert info.status == "finished" and info.meta["scenarios"] == ["workload-always-yes"]
    kinds = [e.kind for e in events]
    assert kinds == ["practice_reply", "practice_reply", "practice_retry", "practice_reply",
                     "practice_next", "practice_finished"]
    assert [e.payload["code"] for e in events if e.kind == "practice_reply"] == [
        "open_question", "advice", "complex_reflection"]
    assert events[0].payload["mentee"].startswith("I said yes to another project")
    assert events[1].payload["followup"].startswith("Yes, but")
    assert card.total == 2 and events[-1].payload["total"] == 2


def test_unknown_scenario_id_suggests_the_nearest() -> None:
    from assistant.core.errors import UserError

    with pytest.raises(UserError) as exc:
        select(load_bank("en"), ["workload-always-ye"])
    assert "workload-always-yes" in exc.value.format()


def test_runs_start_where_the_last_one_left_off(data_home: Path) -> None:
    with Store.open() as store:
        first = PracticeRun.start(store, "en", coder=fake_coder(TABLE))
        second = PracticeRun.start(store, "en", coder=fake_coder(TABLE))
    ids = load_bank("en").ids()
    assert first.current().scenario.id == ids[0]
    assert second.current().scenario.id == ids[1]


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def _session(store: Store, clock: Clock, replies: list[str], days: int) -> str:
    clock.now = 1_700_000_000.0 + days * 86_400
    run = PracticeRun.start(store, "en", coder=fake_coder(TABLE))
    for r in replies:
        run.reply(r)
    run.finish()
    return run.id


def test_progress_has_one_point_per_session_and_reports_the_trend(data_home: Path) -> None:
    clock = Clock()
    with Store(data_home / "reflect.db", clock=clock) as store:
        _session(store, clock, ["closed", "closed", "simple", "advice"], 0)
        _session(store, clock, ["open", "closed", "simple", "complex"], 7)
        _session(store, clock, ["open", "complex", "complex", "simple"], 14)
        PracticeRun.start(store, "en", coder=fake_coder(TABLE))  # no replies: no point
        points = progress(store)
    assert len(points) == 3
    assert [p.value("rq_ratio") for p in points] == [0.5, 1.0, 3.0]
    md = progress_markdown(points, "en")
    assert "3 practice sessions so far" in md
    assert "| Reflection-to-question ratio | 3.0:1 | good | 1:1 / 2:1 | rising |" in md
    assert md.count("\n| 20") == 3  # one row per session
    de = progress_markdown(points, "de")
    assert "steigend" in de and "Verhältnis Reflexionen zu Fragen" in de
    assert "Ingen øvelser endnu" in progress_markdown([], "da")
