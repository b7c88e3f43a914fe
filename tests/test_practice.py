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
    MOVES,
    Code,
    Practice,
    Scenario,
    check_scenarios,
    format_ratio,
    kept_codes,
    load_scenarios,
    move_of,
    scorecard,
)
from assistant.services.practice import (
    PracticeRun,
    Wording,
    load_bank,
    progress,
    progress_markdown,
    select,
)
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
    feelings: tuple[str, ...] = ()


TABLE = {
    "open": "open_question", "why": "open_question", "closed": "closed_question",
    "simple": "simple_reflection", "complex": "complex_reflection",
    "affirm": "affirmation", "advice": "advice", "info": "information", "mm": "other",
    "lead": "closed_question",
}


def fake_coder(table: dict[str, str]):
    """Codes a reply by its first word: 'open ...' -> open_question, and so on; 'lead'
    is a leading question, 'feel' anywhere names a feeling."""
    seen: list[tuple[str, str | None, str]] = []

    def code(reply: str, previous: str | None, lang: str) -> Fake:
        seen.append((reply, previous, lang))
        first = reply.split()[0].lower()
        return Fake(table.get(first, "other"), why=first == "why", leading=first == "lead",
                    feelings=("sad",) if "feel" in reply.split() else ())

    code.seen = seen  # type: ignore[attr-defined]
    return code


CONVERSATION = """\
lang: en
scenarios:
  - id: s1
    topic: workload
    persona: P
    context: C
    topics:
      boss: {phrase: "your boss", words: [boss, manager]}
      evenings: {phrase: "the late evenings", words: [evening, night, late]}
    turns:
      - id: one
        mentee: "s1 opening"
        deeper: "deeper one"
        replies:
          - to: reflection
            feeling: true
            say: "one felt"
            next: three
          - to: [reflection, open]
            say: "one opens"
            next: two
          - to: closed
            about: evenings
            say: "Most nights."
          - to: closed
            about: boss
            say: "No, not my boss."
      - id: two
        mentee: "two"
        deeper: "deeper two"
        replies:
          - to: [reflection, open]
            say: "two opens"
            next: three
      - id: three
        mentee: "three"
        deeper: "deeper three"
        replies:
          - to: [reflection, open]
            say: "three opens"
            next: four
      - id: four
        mentee: "four"
        deeper: "deeper four"
        replies:
          - to: [reflection, open]
            say: "the end"
            next: end
    always:
      - to: advice
        say: ["yes, but 1", "yes, but 2"]
      - to: why
        say: "defensive"
      - to: affirmation
        say: "thanks"
      - to: closed
        say: "Yes."
      - to: other
        say: "hm"
"""


def scenario(sid: str = "s1") -> Scenario:
    text = CONVERSATION.replace("id: s1", f"id: {sid}").replace("s1 opening", f"{sid} opening")
    return load_scenarios(text, "test.yaml").scenarios[0]


# --------------------------------------------------------------------------- scenario files


@pytest.mark.parametrize("lang", LANGS)
def test_bank_has_eight_conversations_of_four_turns_or_more(lang: str) -> None:
    bank = load_scenarios((PRACTICE / f"{lang}.yaml").read_text("utf-8"), f"{lang}.yaml")
    assert bank.lang == lang
    assert len(bank.scenarios) >= 8
    for s in bank.scenarios:
        assert len(s.turns) >= 4, s.id
        assert s.opening and s.persona and s.context and s.topic and s.topics
        for turn in s.turns:
            assert turn.deeper and turn.mentee
            for move in MOVES:  # every move gets an answer on every turn
                _, cont = s.continuation(turn.id, move, (), False)
                assert cont.say != ("…",), (s.id, turn.id, move)
        # a reflection on every turn takes the mentee deeper, until the end
        p = Practice([s], lambda r, prev, lang: Code("complex_reflection"), lang)
        for _ in s.turns:
            fb = p.reply("x")
        assert fb.turn.ended, s.id
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


@pytest.mark.parametrize(("code", "move"), [
    (Code("open_question"), "open"),
    (Code("open_question", why=True), "why"),
    (Code("closed_question"), "closed"),
    (Code("closed_question", leading=True), "advice"),
    (Code("simple_reflection"), "reflection"),
    (Code("simple_reflection", leading=True, questions=1), "advice"),
    (Code("complex_reflection", leading=True), "reflection"),
    (Code("affirmation"), "affirmation"),
    (Code("advice"), "advice"),
    (Code("information"), "advice"),
    (Code("other", judgement=True), "advice"),
    (Code("other"), "other"),
])
def test_every_code_makes_a_move(code: Code, move: str) -> None:
    assert move_of(code) == move


BROKEN = """\
lang: en
scenarios:
  - id: one
    topic: workload
    persona: P
    context: C
    topics:
      boss: {phrase: "the boss", words: [boss, yes]}
      late: {phrase: "late", words: [late]}
    turns:
      - id: start
        mentee: "Hello"
        deeper: "Deep"
        replies:
          - to: reflect
            say: "a"
            next: midle
          - to: closed
            about: bos
            say: "b"
          - to: reflection
            feeling: sometimes
            say: "c"
      - id: middle
        mentee: "m"
        deeper: "d"
        replies:
          - to: open
            say: "e"
    folowups: {}
"""


def _at(diags, code: str):
    found = [d for d in diags if d.code == code]
    assert found, (code, [d.format() for d in diags])
    return found[0]


def test_broken_scenarios_get_positioned_errors_with_did_you_mean() -> None:
    diags = check_scenarios(BROKEN, "bad.yaml")
    unknown_key = _at(diags, "PS004")
    assert (unknown_key.line, unknown_key.col) == (30, 5) and "always" in unknown_key.hint
    yes = _at(diags, "PS003")  # `yes` is YAML for true, not a word
    assert yes.line == 8 and "quote yes" in yes.hint
    move = _at(diags, "PS007")
    assert (move.line, move.col) == (15, 17) and "'reflection'" in move.hint
    topic = _at(diags, "PS011")
    assert (topic.line, topic.col) == (19, 20) and "'boss'" in topic.hint
    feeling = _at(diags, "PS016")
    assert feeling.line == 22
    assert any(d.code == "PS009" and d.severity == WARNING for d in diags)


GRAPH = CONVERSATION.replace("next: three\n          - to: [reflection, open]\n"
                             "            say: \"one opens\"\n            next: two",
                             "next: three\n          - to: [reflection, open]\n"
                             "            say: \"one opens\"\n            next: tow")


def test_a_conversation_with_a_broken_graph_is_refused_with_positions() -> None:
    diags = check_scenarios(GRAPH, "graph.yaml")
    nxt = _at(diags, "PS012")
    assert (nxt.line, nxt.col) == (21, 19) and "'two'" in nxt.hint
    unreached = _at(diags, "PS015")  # nothing leads to 'two' any more
    assert "'two'" in unreached.message and unreached.line == 28
    no_advice = CONVERSATION.replace("      - to: advice\n        say: [\"yes, but 1\", "
                                     "\"yes, but 2\"]\n", "")
    gap = _at(check_scenarios(no_advice, "gap.yaml"), "PS006")
    assert "'advice'" in gap.message and gap.line == 11
    short = _at(check_scenarios(CONVERSATION.replace("next: four", "next: end"), "s.yaml"),
                "PS015")
    assert "'four'" in short.message
    endless = _at(check_scenarios(CONVERSATION.replace("next: end", "next: one"), "e.yaml"),
                  "PS017")
    assert endless.line == 11


def test_reflect_validate_reports_a_broken_scenario_file(tmp_path: Path) -> None:
    bad = tmp_path / "en.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    diags = validate([bad])
    assert any(d.code == "PS007" for d in diags)
    assert all(d.file.endswith("en.yaml") for d in diags)


def test_invalid_yaml_is_reported_not_raised() -> None:
    diags = check_scenarios("scenarios: [\n", "x.yaml")
    assert diags and diags[0].code == "RS001"


# --------------------------------------------------------------------------- the engine


def test_a_reflection_opens_the_mentee_up_and_advice_closes_her_down() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    assert p.current().mentee == "s1 opening" and p.current().turn_id == "one"
    fb = p.reply("advice do this")
    assert fb.turn.mentee == "yes, but 1" and fb.turn.turn_id == "one"  # stays, guarded
    assert not fb.listening
    assert p.reply("advice again").turn.mentee == "yes, but 2"
    assert p.reply("why did you").turn.mentee == "defensive"
    assert p.reply("lead surely you agree?").turn.mentee == "yes, but 1"
    fb = p.reply("simple you said")
    assert fb.turn.mentee == "one opens" and fb.turn.turn_id == "two" and fb.turn.depth == 1
    assert p.reply("open and then?").turn.mentee == "two opens"


def test_a_closed_question_gets_a_fact_about_what_it_asked() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    assert p.reply("closed do you work late?").turn.mentee == "Most nights."
    assert p.reply("closed did you tell your boss?").turn.mentee == "No, not my boss."
    # the topic asked about first wins
    assert p.reply("closed did your manager see the late nights?").turn.mentee == (
        "No, not my boss.")
    assert p.reply("closed are the late nights your boss's idea?").turn.mentee == (
        "Most nights.")
    assert p.reply("closed is it raining?").turn.mentee == "Yes."
    assert p.current().turn_id == "one"  # a fact is no step deeper


def test_naming_a_feeling_takes_the_mentee_further() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    fb = p.reply("complex you feel let down")
    assert fb.turn.mentee == "one felt" and fb.turn.turn_id == "three"


def test_the_conversation_ends_after_the_last_turn() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    for reply in ["open what", "simple so", "complex part", "open how"]:
        fb = p.reply(reply)
    assert fb.turn.mentee == "the end" and fb.turn.ended and fb.ended_now
    fb = p.reply("simple more")
    assert fb.turn.ended and not fb.ended_now


def test_the_coder_gets_what_the_mentee_just_said_and_the_language() -> None:
    coder = fake_coder(TABLE)
    p = Practice([scenario()], coder, "de")
    p.reply("open first")
    p.reply("simple second")
    assert coder.seen == [("open first", "s1 opening", "de"),
                          ("simple second", "one opens", "de")]


def test_retry_takes_the_last_reply_back_and_restores_the_turn() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    p.reply("open one")
    fb = p.reply("advice do it")
    assert fb.turn.can_retry
    turn = p.retry()
    assert turn.mentee == "one opens" and turn.step == 1 and not turn.can_retry
    assert turn.turn_id == "two" and p.replies[-1].superseded
    fb = p.reply("advice two")
    assert fb.turn.mentee == "yes, but 1"  # the retried follow-up did not use up a line
    p.retry()
    fb = p.reply("open two")
    assert fb.turn.turn_id == "three"
    card = p.scorecard()
    assert card.counts["open_question"] == 2 and card.counts["advice"] == 0
    assert p.retry().turn_id == "two"
    turn = p.retry()  # only the last reply can be taken back: nothing changes
    assert turn.mentee == "one opens" and not turn.can_retry
    assert [r.superseded for r in p.replies] == [False, True, True, True]


def test_next_moves_through_scenarios_to_done() -> None:
    p = Practice([scenario("a"), scenario("b")], fake_coder(TABLE), "en")
    p.reply("open")
    turn = p.next()
    assert turn.scenario.id == "b" and turn.mentee == "b opening" and turn.step == 0
    assert turn.kept == 0 and not turn.can_retry and turn.turn_id == "one"
    turn = p.next()
    assert turn.done
    with pytest.raises(RuntimeError):
        p.reply("open")
    assert p.next().done


@pytest.mark.parametrize(("reply", "kind"), [
    ("closed do you work late?", "open_up"),
    ("why do you work late?", "why_to_what"),
    ("advice leave at five", "permission"),
    ("info most people leave at five", "permission"),
    ("lead surely that is too much?", "unlead"),
    ("open what happens? and when?", "reflect_next"),
    ("simple you work late", "deepen"),
    ("complex part of you", "let_it_land"),
    ("affirm you care", "specific"),
    ("mm", "reflect_back"),
])
def test_every_reply_gets_a_tip_of_its_own_kind(reply: str, kind: str) -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    tip = p.reply(reply).tip
    assert tip.kind == kind and tip.reply == reply
    assert tip.example == "deeper one"  # the example fits the turn the reply answered


def test_a_tip_names_the_topic_the_reply_was_about() -> None:
    p = Practice([scenario()], fake_coder(TABLE), "en")
    assert p.reply("closed did your boss say so?").tip.topic == "your boss"
    # a reply that names no topic: the topic of what the mentee said, else the scenario's
    assert p.reply("closed is it hard?").tip.topic == "your boss"
    fresh = Practice([scenario()], fake_coder(TABLE), "en")
    assert fresh.reply("closed is it hard?").tip.topic == "workload"


def test_stacked_questions_keep_the_first() -> None:
    def stacked(reply, previous, lang):
        return Code("open_question", stacked=True)

    p = Practice([scenario()], stacked, "en")
    tip = p.reply("What happened then? And how did your boss react?").tip
    assert tip.kind == "one_question" and tip.first == "What happened then?"


def test_the_same_words_twice_never_get_the_same_suggestion() -> None:
    words = Wording("en")
    p = Practice([scenario()], fake_coder(TABLE), "en")
    said = [words.suggestion(p.reply("closed do you work late?").tip) for _ in range(3)]
    assert len(set(said)) == 3
    assert all('"closed do you work late?"' in s and "the late evenings" in s for s in said)
    notes = [words.notes(Code("closed_question")) for _ in range(2)]
    assert len(notes[0]) == 1 and notes[1] == []  # the code is explained once


@pytest.mark.parametrize("lang", LANGS)
def test_every_tip_has_three_wordings_in_every_language(lang: str) -> None:
    from assistant.core.practice import TIP_KINDS, Tip

    words = Wording(lang)
    for kind in TIP_KINDS:
        tip = Tip(kind, "REPLY", "TOPIC", "EXAMPLE", "FIRST?")
        said = {words.suggestion(tip) for _ in range(3)}
        assert len(said) == 3, kind
        assert all("REPLY" in s or "FIRST?" in s for s in said), kind


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
    # 6 reflections and 5 questions over all three sessions: 1.2:1, counted by replies
    assert "| Reflection-to-question ratio | 1.2:1 | fair | 1:1 / 2:1 | rising |" in md
    assert md.count("\n| 20") == 3  # one row per session
    de = progress_markdown(points, "de")
    assert "steigend" in de and "Verhältnis Reflexionen zu Fragen" in de
    assert "Ingen øvelser endnu" in progress_markdown([], "da")


def test_one_session_is_too_few_replies_for_a_trend(data_home: Path) -> None:
    clock = Clock()
    with Store(data_home / "reflect.db", clock=clock) as store:
        _session(store, clock, ["open", "simple", "complex", "closed", "open"], 0)
        points = progress(store)
    for lang, words in [("en", "Too few replies yet: 5 replies so far. A trend needs at "
                                "least 10 replies over 2 sessions"),
                        ("de", "Noch zu wenige Antworten: bisher 5 Antworten."),
                        ("da", "Endnu for få svar: 5 svar indtil nu.")]:
        md = progress_markdown(points, lang)
        assert words in md
        assert "| --- | --- | --- | --- | --- |" not in md  # no trend table


def _card(*codes: str):
    return scorecard([Code(c) for c in codes])


def test_a_session_that_did_not_measure_a_figure_is_a_gap_not_a_zero() -> None:
    from assistant.core.practice import CELL_BAND, CELL_GAP, chart, series

    cards = [_card("open_question", "simple_reflection"), _card("advice", "advice"),
             _card("complex_reflection", "closed_question")]
    s = series(cards, "complex_share")
    assert s.values == (0.0, None, 1.0) and s.measured == 2
    rows = chart(s, 5)
    assert [row[1] for row in rows][-1] == CELL_GAP
    assert CELL_BAND in [row[1] for row in rows]  # the band still shows behind the gap
    rq = series(cards, "rq_ratio")
    assert rq.values == (1.0, None, 1.0)


def test_a_one_reply_session_weighs_less_than_a_full_one() -> None:
    from assistant.core.practice import CELL_BAR, CELL_FAINT, chart, series

    full = _card(*["open_question"] * 8, "closed_question", "closed_question")  # 80 %
    one = _card("closed_question")  # 0 %, from a single question
    s = series([full, one], "open_share")
    assert s.weights == (10, 1)
    assert s.overall.value == pytest.approx(8 / 11) and s.overall.level == "good"
    lucky = series([full, _card("open_question")], "open_share")  # 100 % from one question
    assert [row[1] for row in chart(lucky, 5)] == [CELL_FAINT] * 5
    assert chart(lucky, 5)[-1][0] == CELL_BAR
    # 50 %, then 90 % of ten questions each, then one closed question: unweighted the line
    # would fall; counted by replies, the single question does not undo the rise
    rising = series([_card(*["closed_question"] * 5, *["open_question"] * 5),
                     _card(*["open_question"] * 9, "closed_question"), one], "open_share")
    assert rising.trend == "up"


def test_trend_is_weighted_and_needs_enough_replies() -> None:
    from assistant.core.practice import series

    few = series([_card("open_question"), _card("closed_question")], "open_share")
    assert few.trend == "few"  # two questions in all
    up = series([_card(*["closed_question"] * 4), _card("open_question"),
                 _card(*["open_question"] * 4)], "open_share")
    assert up.trend == "up"
    flat = series([_card(*["open_question"] * 3 + ["closed_question"]),
                   _card(*["open_question"] * 3 + ["closed_question"])], "open_share")
    assert flat.trend == "same"


def test_every_scenario_check_code_is_documented() -> None:
    from assistant.core.practice import PS_CODES

    doc = (ROOT / "docs" / "practice.md").read_text("utf-8")
    for code in PS_CODES:
        assert f"| {code} |" in doc, code
