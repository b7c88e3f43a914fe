"""Fuzzing the loader and the analysis (issue 22): whatever a file or an answer holds,
the loader raises only its own `LoadError` (with diagnostics) and the analysis never
raises at all.

The loader gets random YAML documents shaped like scripts, rule sets and translations,
and mutations of the bundled files: characters inserted, deleted, duplicated or
replaced, including control characters, lone surrogates, YAML tags, anchors and
aliases, deep brackets and very long numbers. Examples are bounded (the profile in
conftest.py fixes the seed) so the whole module takes seconds.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.analysis import analyse
from assistant.core.diagnostics import Diagnostic, LoadError
from assistant.core.facts import FACTS
from assistant.core.loader import (
    load_ruleset,
    load_script,
    load_translation,
    ruleset_strings,
    script_strings,
)
from assistant.core.practice import check_scenarios
from assistant.core.yamlsource import parse
from assistant.services.library import Library

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = Library()
RULESETS = {rid: LIBRARY.rulesets("en")[rid] for rid in LIBRARY.rulesets("en")}

#: A script, its translation, a rule set, its translation, a pair script, a few scenarios.
SAMPLES = {
    name: (ROOT / name).read_text(encoding="utf-8")
    for name in ("prompts/trust-check-in.yaml", "prompts/trust-check-in.de.yaml",
                 "prompts/goal-clarification.yaml", "rules/goal.yaml", "rules/goal.da.yaml",
                 "rules/safety.yaml", "prompts/pair/pair-agreement.yaml")
}
SCENARIOS = (ROOT / "prompts/practice/en.yaml").read_text(encoding="utf-8")[:4000]
SOURCE = SAMPLES["prompts/trust-check-in.yaml"]


def load_everything(text: str, file: str) -> list[Diagnostic]:
    """Every loader `reflect validate` can run on a file; only LoadError may come out."""
    diags: list[Diagnostic] = []
    try:
        load_script(text, file, rulesets=RULESETS, facts=FACTS, warnings=diags)
        script_strings(parse(text, file).data)  # as validate does after a script loads
    except LoadError as exc:
        assert exc.diagnostics, "a LoadError says what is wrong"
        diags.extend(exc.diagnostics)
    try:
        load_ruleset(text, file, facts=FACTS, warnings=diags)
        ruleset_strings(parse(text, file).data)
    except LoadError as exc:
        assert exc.diagnostics, "a LoadError says what is wrong"
        diags.extend(exc.diagnostics)
    try:
        tr = load_translation(text, file)
    except LoadError as exc:
        diags.extend(exc.diagnostics)
    else:
        # A damaged translation is laid over its English source, as a dialogue in German would.
        try:
            load_script(SOURCE, "prompts/trust-check-in.yaml", rulesets=RULESETS, facts=FACTS,
                        translation=tr)
        except LoadError as exc:
            diags.extend(exc.diagnostics)
    diags.extend(check_scenarios(text, file, "de"))
    for d in diags:
        assert d.line >= 1 and d.col >= 1 and d.code[:2] in ("RS", "PS"), d
    return diags


FRAGMENTS = st.one_of(
    st.text(max_size=6),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=3),  # surrogates, C0
    st.sampled_from([
        "\x00", "\x07", "\x1b[2J", "\x7f", "\x85", "\u2028", "\ufeff", "\ud800", "\t", "\r",
        "\n", "\n  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">-",
        "&a ", "*a", "<<: *a", "&t [*t]", "!!python/object/apply:os.system ['true']",
        "!!binary aGk=", "!!int ", "!!str ", "!!set {a}", "!!omap [a: 1]", "!!timestamp ",
        "%YAML 1.1\n---\n", "---\n", "...\n", "1" * 5000, "9" * 16, "0x" + "f" * 40,
        "1:2:3:4:5:6", "2026-02-30", "1e400", ".nan", "-.inf", "~", "null", "yes", "on",
        "[" * 40, "{a: " * 40, "  " * 40 + "x: 1", "{{ 9**(9**9) }}", "9**(9**9)",
        "range(100000)", "'a'*10**9", "answers.__class__", "facts.", "lipsum(9)",
        "rules: [[safety]]", "steps: {a: 1}", "options: [[1]]", "labels: {[1]: a}",
        "next: [[a]]", "when: [1]", "then: [probe]", "strings: [a]", "max: -1", "id: A B",
    ]),
)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SAMPLES)))
    text = SAMPLES[name]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 60)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "cut-line"]))
        if op == "insert":
            text = text[:i] + draw(FRAGMENTS) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(FRAGMENTS) + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            text = text[:start] + text[end + 1:] if end >= 0 else text[:start]
    return name, text


@settings(max_examples=500)
@given(mutations())
def test_a_mutated_bundled_file_gives_diagnostics_never_another_error(case) -> None:
    name, text = case
    load_everything(text, name)


@settings(max_examples=60)
@given(st.integers(0, len(SCENARIOS)), FRAGMENTS)
def test_a_mutated_scenario_bank_gives_diagnostics(at: int, fragment: str) -> None:
    text = SCENARIOS[:at] + fragment + SCENARIOS[at:]
    for d in check_scenarios(text, "prompts/practice/en.yaml", "en"):
        assert d.code[:2] in ("RS", "PS"), d


KEYS = ["id", "title", "purpose", "minutes", "lang", "rules", "summary", "steps", "version",
        "kind", "prompt", "help", "multiline", "options", "min", "max", "labels", "required",
        "min_words", "store_as", "when", "next", "tags", "goto", "value", "label", "on",
        "then", "probe", "tip", "notice", "set", "flag", "step", "description",
        "translation_of", "strings", "text", "source", "scenarios"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=12), st.sampled_from(KEYS),
    st.sampled_from(["text", "choice", "multi", "scale", "yesno", "info", "review", "en", "de",
                     "answers.a == 'x'", "facts.has_deadline", "answer.words < 3",
                     "not facts.x.blame_language", "9**(9**9)", "(", "a" * 300]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.one_of(st.sampled_from(KEYS), SCALARS), inner, max_size=5),
    max_leaves=40,
)


@st.composite
def script_like(draw: st.DrawFn) -> dict:
    """A document shaped like a script (or rule set, or translation) with random parts."""
    doc = draw(st.dictionaries(st.sampled_from(KEYS), DOCUMENTS, max_size=6))
    if draw(st.booleans()):
        doc["steps"] = draw(st.lists(st.dictionaries(st.sampled_from(KEYS), DOCUMENTS,
                                                     max_size=7), max_size=4))
    if draw(st.booleans()):
        doc["rules"] = draw(st.lists(st.one_of(
            st.sampled_from(sorted(RULESETS)),
            st.dictionaries(st.sampled_from(KEYS), DOCUMENTS, max_size=5)), max_size=3))
    return doc


@settings(max_examples=150)
@given(st.one_of(script_like(), DOCUMENTS))
def test_a_random_document_gives_diagnostics_never_another_error(doc) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    load_everything(text, "random.yaml")


def test_the_harness_sees_good_files_as_good_and_a_mutation_as_a_mistake() -> None:
    script = load_script(SOURCE, "prompts/trust-check-in.yaml", rulesets=RULESETS, facts=FACTS)
    assert script.id == "trust-check-in"
    assert load_ruleset(SAMPLES["rules/goal.yaml"], "rules/goal.yaml", facts=FACTS).rules
    broken = SOURCE.replace("kind: scale", "kind: [scale]", 1)
    codes = {d.code for d in load_everything(broken, "prompts/trust-check-in.yaml")}
    assert "RS006" in codes


# ---------------------------------------------------------------------------- analysis

ANSWER_TEXT = st.one_of(
    st.text(max_size=400),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=200),
    st.lists(st.sampled_from(["I", "we", "never", "always", "by", "June", "15.", "?", "!",
                              "nicht", "ikke", "weil", "fordi", "because", "-", "'", "\n",
                              "\x00", "\u202e", "😀", "ß", "æøå", "...", "..", "1st", "2026"]),
             max_size=60).map(" ".join),
)


@settings(max_examples=150)
@given(ANSWER_TEXT, st.sampled_from(["en", "de", "da", None]),
       st.one_of(st.none(), ANSWER_TEXT))
def test_the_analysis_never_raises(text: str, lang: str | None, context: str | None) -> None:
    facts = analyse(text, lang=lang, context=context).as_dict()
    assert set(FACTS) <= set(facts)
    assert facts["words"] >= 0
