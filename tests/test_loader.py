"""The loader's stages one by one: YAML with positions, scripts, rule sets, translations."""

from __future__ import annotations

import textwrap

import pytest

from assistant.core.diagnostics import WARNING, Diagnostic, LoadError
from assistant.core.facts import FACTS
from assistant.core.loader import (
    check_translation,
    load_ruleset,
    load_script,
    load_translation,
    script_strings,
    source_hash,
)
from assistant.core.yamlsource import parse

GOOD = textwrap.dedent("""\
    id: weekly-check-in
    title: Weekly check-in
    purpose: A short look back at the week.
    minutes: 5
    rules: [check-in]
    steps:
      - id: mood
        kind: scale
        prompt: How did this week go?
        min: 1
        max: 5
        labels: {1: rough, 5: great}
        next:
          - {when: answers.mood <= 2, goto: hard}
          - {goto: focus}
      - id: hard
        kind: text
        multiline: true
        prompt: What made it hard?
        min_words: 4
        required: false
      - id: focus
        kind: choice
        prompt: What would you like to focus on?
        options:
          - {value: skills, label: A skill}
          - rest
        tags: [plan]
      - id: action
        kind: text
        prompt: One thing you will try?
        when: not facts.hard.blame_language
        store_as: first_action
      - id: more
        kind: yesno
        prompt: Add another?
        next: [{when: answers.more, goto: action, max: 3}]
      - id: review
        kind: review
        prompt: Anything to change?
    """)

RULES = textwrap.dedent("""\
    id: check-in
    rules:
      - id: short
        on: [plan, hard]
        when: answer.words < 4 and not facts.has_deadline
        then:
          probe: Could you say more?
          flag: [short]
          set: {asked: true}
      - id: jump
        when: facts.blame_language
        then: {goto: {step: review, max: 1}}
    """)


def _errors(fn, *args, **kw) -> list[Diagnostic]:
    with pytest.raises(LoadError) as info:
        fn(*args, **kw)
    return info.value.diagnostics


def _where(diags: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.col, d.code) for d in diags]


# ------------------------------------------------------------------ stage 1: YAML with positions


def test_positions_of_values_and_keys() -> None:
    src = parse(GOOD, "w.yaml")
    assert src.at(()) == (1, 1)
    assert src.at(("title",)) == (2, 8)
    assert src.at(("steps", 0)) == (7, 5)
    assert src.at(("steps", 0, "kind")) == (8, 11)
    assert src.at(("steps", 0, "kind"), key=True) == (8, 5)
    assert src.at(("steps", 0, "labels", 5)) == (12, 27)
    assert src.at(("steps", 0, "labels", 5), key=True) == (12, 24)
    assert src.at(("steps", 0, "next", 1, "goto")) == (15, 16)
    # A path that does not exist falls back to its nearest parent.
    assert src.at(("steps", 0, "help")) == (7, 5)


def test_yaml_reads_on_and_yes_keys_as_names() -> None:
    assert parse("on: [goal]\nyes: 1\n", "r.yaml").data == {"on": ["goal"], "yes": 1}


def test_duplicate_keys_are_remembered_with_the_second_position() -> None:
    src = parse("id: a\ntitle: x\nid: b\n", "d.yaml")
    assert src.duplicates == [(("id",), (3, 1))]


@pytest.mark.parametrize("text, where", [
    ("id: a\nsteps:\n\t- id: b\n", (3, 1)),            # a tab
    ("id: a\ntags: [a, b\nkind: text\n", (2, 7)),       # the '[' that is not closed
    ("id: a\ntitle: {text: x\n", (2, 8)),               # the '{' that is not closed
    ("id: a\ntitle: 'never closed\n", (2, 8)),          # the quote that is not closed
    ("id: a\n  title: b\n", (2, 8)),                    # bad indentation
])
def test_yaml_errors_point_at_the_mistake(text: str, where: tuple[int, int]) -> None:
    diags = _errors(parse, text, "b.yaml")
    assert _where(diags) == [(*where, "RS001")]
    assert diags[0].hint


@pytest.mark.parametrize("text", [
    "title: !!python/object/apply:os.system ['true']\n",
    "title: !!python/object/apply:os.system 'true'\n",
    "title: !!python/name:os.system\n",
    "title: !!python/object:collections.OrderedDict {a: 1}\n",
    "title: !custom {a: 1}\n",
])
def test_object_tags_are_refused_never_built(text: str) -> None:
    diags = _errors(parse, text, "t.yaml")
    assert _where(diags) == [(1, 8, "RS001")]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_file(text: str) -> None:
    assert _where(_errors(load_script, text, "e.yaml")) == [(1, 1, "RS002")]


def test_a_list_is_not_a_script() -> None:
    assert _where(_errors(load_script, "# c\n- id: a\n", "l.yaml")) == [(2, 1, "RS002")]


# ------------------------------------------------------------------ scripts and rule sets


def _good_script():
    rules = load_ruleset(RULES, "check-in.yaml", facts=FACTS)
    return load_script(GOOD, "weekly-check-in.yaml", rulesets={"check-in": rules}, facts=FACTS)


def test_a_good_script_round_trip() -> None:
    warnings: list[Diagnostic] = []
    rules = load_ruleset(RULES, "check-in.yaml", facts=FACTS, warnings=warnings)
    script = load_script(GOOD, "weekly-check-in.yaml", rulesets={"check-in": rules}, facts=FACTS,
                         warnings=warnings)
    assert warnings == []
    assert (script.id, script.title, script.minutes, script.lang) == (
        "weekly-check-in", "Weekly check-in", 5, "en")
    assert [s.id for s in script.steps] == ["mood", "hard", "focus", "action", "more", "review"]
    assert [s.kind for s in script.steps] == ["scale", "text", "choice", "text", "yesno", "review"]
    mood, hard, focus, action, more, _ = script.steps
    assert mood.labels == {1: "rough", 5: "great"} and (mood.min, mood.max) == (1, 5)
    assert [b.goto for b in mood.next] == ["hard", "focus"]
    assert mood.next[0].when({"answers": {"mood": 2}}) is True
    assert mood.next[0].when({"answers": {"mood": 4}}) is False
    assert hard.multiline and hard.min_words == 4 and hard.required is False
    assert [(o.value, o.label) for o in focus.options] == [("skills", "A skill"), ("rest", "rest")]
    assert focus.tags == ("plan",)
    assert action.store_as == "first_action"
    assert action.when({"facts": {"hard": {"blame_language": False}}}) is True
    assert (more.next[0].goto, more.next[0].max) == ("action", 3)
    assert [r.id for r in script.rules] == ["short", "jump"]
    short, jump = script.rules
    assert short.then.probe == "Could you say more?" and short.then.flag == ("short",)
    assert short.then.set == {"asked": True} and short.on == ("plan", "hard")
    assert (jump.then.goto, jump.then.goto_max) == ("review", 1)


def test_every_error_is_collected_not_only_the_first() -> None:
    text = GOOD.replace("kind: choice", "kind: choise").replace("goto: hard", "goto: hrad")
    diags = _errors(load_script, text, "w.yaml", rulesets={"check-in": load_ruleset(
        RULES, "check-in.yaml", facts=FACTS)}, facts=FACTS)
    assert [(d.code, d.hint) for d in diags] == [
        ("RS008", "did you mean 'hard'?"), ("RS006", "did you mean 'choice'?")]
    assert all(d.file == "w.yaml" for d in diags)


def test_a_warning_does_not_stop_loading() -> None:
    text = GOOD.replace("  - id: review\n    kind: review\n    prompt: Anything to change?\n", "")
    text = text.replace("rules: [check-in]\n", "")
    warnings: list[Diagnostic] = []
    script = load_script(text, "w.yaml", facts=FACTS, warnings=warnings)
    assert script.steps[-1].id == "more"
    assert [(d.code, d.severity) for d in warnings] == [("RS023", WARNING)]


def test_rule_goto_to_a_missing_step_points_at_the_rule_set_name() -> None:
    rules = load_ruleset(RULES.replace("step: review", "step: wrap-up"), "check-in.yaml",
                         facts=FACTS)
    diags = _errors(load_script, GOOD, "w.yaml", rulesets={"check-in": rules}, facts=FACTS)
    assert _where(diags) == [(5, 9, "RS033")]


def test_diagnostic_format() -> None:
    d = Diagnostic("w.yaml", 3, 7, "RS012", "a choice step needs a list of options",
                   "write  options:\n  - a")
    assert d.format() == ("w.yaml:3:7: RS012 a choice step needs a list of options\n"
                          "    hint: write  options:\n            - a")
    w = Diagnostic("w.yaml", 1, 1, "RS023", "no review", "add one", WARNING)
    assert w.format().startswith("w.yaml:1:1: RS023 warning: no review")


# ------------------------------------------------------------------ translations


def _translation(strings: dict[str, str], *, skip=(), stale=(), extra=()) -> str:
    lines = ["translation_of: weekly-check-in", "lang: de", "strings:"]
    for sid, text in strings.items():
        if sid in skip:
            continue
        source = source_hash("older text" if sid in stale else text)
        lines.append(f"  {sid}: {{text: 'DE {sid}', source: '{source}'}}")
    for sid in extra:
        lines.append(f"  {sid}: {{text: 'DE', source: '00000000'}}")
    return "\n".join(lines) + "\n"


def test_source_strings_have_ids() -> None:
    strings = script_strings(parse(GOOD, "w.yaml").data)
    assert strings["title"] == "Weekly check-in"
    assert strings["steps.mood.labels.5"] == "great"
    assert strings["steps.focus.options.skills"] == "A skill"
    assert strings["steps.focus.options.rest"] == "rest"
    assert strings["steps.review.prompt"] == "Anything to change?"
    assert source_hash("  Weekly check-in\n") == source_hash("Weekly check-in")
    assert len(source_hash("x")) == 8


def test_a_complete_translation_is_clean_and_localises_the_script() -> None:
    strings = script_strings(parse(GOOD, "w.yaml").data)
    tr = load_translation(_translation(strings), "w.de.yaml")
    assert check_translation(strings, tr, "de", "w.yaml", "w.de.yaml") == []
    rules = load_ruleset(RULES, "check-in.yaml", facts=FACTS)
    script = load_script(GOOD, "w.yaml", rulesets={"check-in": rules}, facts=FACTS,
                         translation=tr)
    assert script.title == "DE title"
    assert script.steps[0].labels[5] == "DE steps.mood.labels.5"
    assert [o.label for o in script.steps[2].options] == [
        "DE steps.focus.options.skills", "DE steps.focus.options.rest"]
    assert [o.value for o in script.steps[2].options] == ["skills", "rest"]


def test_missing_translation_string() -> None:
    strings = script_strings(parse(GOOD, "w.yaml").data)
    tr = load_translation(_translation(strings, skip={"steps.hard.prompt"}), "w.de.yaml")
    diags = check_translation(strings, tr, "de", "w.yaml", "w.de.yaml")
    assert _where(diags) == [(3, 1, "RS025")]  # at `strings:`, where it belongs
    assert "steps.hard.prompt" in diags[0].message and "What made it hard?" in diags[0].hint


def test_no_translation_file_at_all() -> None:
    diags = check_translation({"title": "T"}, None, "da", "w.yaml", "w.da.yaml")
    assert _where(diags) == [(1, 1, "RS025")] and "w.da.yaml" in diags[0].hint


def test_outdated_translation_string() -> None:
    strings = script_strings(parse(GOOD, "w.yaml").data)
    text = _translation(strings, stale={"steps.focus.prompt"})
    tr = load_translation(text, "w.de.yaml")
    diags = check_translation(strings, tr, "de", "w.yaml", "w.de.yaml")
    line = text.splitlines().index(next(x for x in text.splitlines()
                                        if x.startswith("  steps.focus.prompt:"))) + 1
    assert _where(diags) == [(line, 3, "RS026")]
    assert source_hash("What would you like to focus on?") in diags[0].hint


def test_unknown_translation_id_is_a_warning() -> None:
    strings = script_strings(parse(GOOD, "w.yaml").data)
    text = _translation(strings, extra=["steps.hrad.prompt"])
    tr = load_translation(text, "w.de.yaml")
    diags = check_translation(strings, tr, "de", "w.yaml", "w.de.yaml")
    assert _where(diags) == [(len(text.splitlines()), 3, "RS027")]
    assert diags[0].severity == WARNING
    assert diags[0].hint == "did you mean 'steps.hard.prompt'?"


def test_a_broken_translation_file() -> None:
    diags = _errors(load_translation, "translation_of: w\nlang: fr\nstrings:\n  title: Titel\n",
                    "w.fr.yaml")
    assert _where(diags) == [(2, 7, "RS005"), (4, 10, "RS005")]
