"""Conditions: compiled once, checked against a closed vocabulary, run in a sandbox."""

from __future__ import annotations

import pytest

from assistant.core.expressions import (
    RULE_NAMES,
    SCRIPT_NAMES,
    ExpressionError,
    compile_condition,
)
from assistant.core.facts import FACTS

ANSWERS = {"area", "wish", "another_step", "confidence"}


def _error(source: str, names=SCRIPT_NAMES, **kw) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        compile_condition(source, names, **kw)
    return info.value


# ------------------------------------------------------------------ names


def test_script_condition_reads_answers_vars_flags_visits_lang() -> None:
    cond = compile_condition(
        "answers.area == 'career' and vars.n > 1 and 'late' in flags and visits.wish < 3 "
        "and lang == 'de'", SCRIPT_NAMES, answers=ANSWERS)
    ctx = {"answers": {"area": "career"}, "vars": {"n": 2}, "flags": {"late"},
           "visits": {"wish": 1}, "lang": "de"}
    assert cond(ctx) is True
    assert cond({**ctx, "lang": "en"}) is False
    assert cond.source.startswith("answers.area")


def test_rule_condition_reads_answer_facts_and_step() -> None:
    cond = compile_condition("answer.words < 5 and not facts.has_deadline and 'goal' in step.tags",
                             RULE_NAMES, facts=FACTS)
    assert cond({"answer": {"words": 3}, "facts": {"has_deadline": False},
                 "step": {"tags": ("goal",)}}) is True
    assert cond({"answer": {"words": 9}, "facts": {"has_deadline": False},
                 "step": {"tags": ("goal",)}}) is False


def test_bools_are_conditions_too() -> None:
    assert compile_condition(True, SCRIPT_NAMES)({}) is True
    assert compile_condition(False, SCRIPT_NAMES)({}) is False


def test_a_missing_answer_is_false_not_a_crash() -> None:
    cond = compile_condition("answers.confidence <= 2", SCRIPT_NAMES, answers=ANSWERS)
    assert cond({"answers": {}}) is False
    assert compile_condition("not answers.wish", SCRIPT_NAMES, answers=ANSWERS)({"answers": {}})


# ------------------------------------------------------------------ unknown names, did-you-mean


def test_undefined_name_suggests_the_close_one() -> None:
    err = _error("answer.area == 'career'", answers=ANSWERS)  # `answer` is for rules only
    assert err.code == "RS009"
    assert "'answer'" in err.message
    assert err.hint == "did you mean 'answers'?"


def test_unknown_answer_suggests_the_close_one() -> None:
    err = _error("answers.aera == 'career'", answers=ANSWERS)
    assert (err.code, err.hint) == ("RS028", "did you mean 'area'?")


def test_unknown_rule_fact_suggests_the_close_one() -> None:
    err = _error("not facts.has_dedline", RULE_NAMES, facts=FACTS)
    assert (err.code, err.hint) == ("RS016", "did you mean 'has_deadline'?")


def test_unknown_fact_of_an_answer_in_a_script() -> None:
    err = _error("facts.wish.has_dedline", answers=ANSWERS, facts=FACTS)
    assert (err.code, err.hint) == ("RS016", "did you mean 'has_deadline'?")
    err = _error("facts.wsh.has_deadline", answers=ANSWERS, facts=FACTS)
    assert (err.code, err.hint) == ("RS028", "did you mean 'wish'?")
    assert compile_condition("facts.wish.has_deadline", SCRIPT_NAMES, answers=ANSWERS,
                             facts=FACTS)({"facts": {"wish": {"has_deadline": True}}})


def test_unknown_attribute_of_answer_and_step() -> None:
    err = _error("answer.wrods < 4", RULE_NAMES, facts=FACTS)
    assert (err.code, err.hint) == ("RS009", "did you mean 'words'?")
    err = _error("step.tag == 'goal'", RULE_NAMES, facts=FACTS)
    assert (err.code, err.hint) == ("RS009", "did you mean 'tags'?")


@pytest.mark.parametrize("source", ["answers.area ==", "answers.area = 'x'", "(answers.area",
                                    "{{ answers.area }}", "answers.area %}"])
def test_syntax_error(source: str) -> None:
    err = _error(source, answers=ANSWERS)
    assert err.code == "RS010"
    assert err.hint


@pytest.mark.parametrize("source", ["", "   ", None, 3, ["answers.area"]])
def test_a_condition_must_be_a_non_empty_expression(source) -> None:
    assert _error(source).code == "RS010"


# ------------------------------------------------------------------ sandbox


@pytest.mark.parametrize("source", [
    "().__class__.__bases__",
    "''.__class__.__mro__[1].__subclasses__()",
    "answers.__class__",
    "range.__globals__",
    "lipsum.__globals__.os",
    "answers.area._private",
])
def test_python_internals_are_refused_at_load_time(source: str) -> None:
    err = _error(source, answers=ANSWERS)
    assert err.code in {"RS009", "RS028"}


@pytest.mark.parametrize("source", [
    "answers['__class__']",
    "answers.area['__class__']",
    "vars.update({'owned': 1}) or true",
    "answers.area.format(answers) == 'x'",
    "(answers | attr('__class__'))",
])
def test_what_slips_past_the_check_is_refused_by_the_sandbox(source: str) -> None:
    vars_ = {"n": 1}
    cond = compile_condition(source, SCRIPT_NAMES)
    assert cond({"answers": {"area": "{0.__class__}"}, "vars": vars_}) is False
    assert vars_ == {"n": 1}


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% for x in range(9) %}x{% endfor %}",
                                  "{{ answers.__class__ }}", "{# hidden #}"])
def test_answers_are_data_never_templates(text: str) -> None:
    same = compile_condition("answers.wish == expected", {**SCRIPT_NAMES, "expected": ""},
                             answers=ANSWERS)
    assert same({"answers": {"wish": text}, "expected": text}) is True
    assert compile_condition("answers.wish == '49'", SCRIPT_NAMES, answers=ANSWERS)(
        {"answers": {"wish": text}}) is False
    length = compile_condition("answers.wish | length == n", {**SCRIPT_NAMES, "n": ""},
                               answers=ANSWERS)
    assert length({"answers": {"wish": text}, "n": len(text)}) is True
