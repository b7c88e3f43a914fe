"""Hostile summary templates and conditions: an author's `{{ 9**(9**9) }}`, nested
`range(100000)` loops or `{% include %}` give an RS error from `reflect validate` or a
clear message when the summary renders, in well under a second and 500 MB; never a
hang, a traceback or gigabytes (issue 22).

Validation and rendering run as real processes with an address-space limit (the
cases hung or took gigabytes before); the rest run in-process.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jinja2 import TemplateNotFound

from assistant.core.errors import UserError
from assistant.core.sandbox import LimitError, TemplateLimitError
from assistant.core.stepper import Stepper
from assistant.services.library import Library
from assistant.services.summary import render_markdown
from assistant.services.templates import compile_template, environment

MEMORY = 500 * 1024 * 1024


def _script(sid: str, when: str | None = None) -> str:
    """A three-step script; `when` guards its second step (on line 10)."""
    guard = f"    when: {when}\n" if when else ""
    return (f"id: {sid}\ntitle: Weekly check-in\nsteps:\n"
            "  - id: highlight\n    kind: text\n    prompt: What went well this week?\n"
            "  - id: focus\n    kind: text\n    prompt: What will you focus on?\n" + guard +
            "  - id: review\n    kind: review\n    prompt: Anything to change?\n")


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _reflect(*args: str, cwd: Path, stdin: str = "", home: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
    env = None
    if home is not None:
        import os

        env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited,
                          env=env)


#: Template line 3 of each case, and what `reflect validate` must say about it.
CONSTANT_CASES: dict[str, tuple[str, str]] = {
    "power": ("{{ 9**(9**9) }}", "RS043"),
    "repeat-text": ("{{ 'a'*10**9 }}", "RS043"),
    "repeat-list": ("{% for x in [0] * 10**9 %}{{ x }}{% endfor %}", "RS043"),
    "nested-ranges": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                      "{% endfor %}", "RS043"),
    "wide-filter": ("{{ answers.highlight | center(10**9) }}", "RS043"),
    "wide-method": ("{{ 'x'.rjust(1000000000) }}", "RS043"),
    "wide-format": ("{{ '{:>999999999}'.format(answers.highlight) }}", "RS043"),
    "printf-width": ("{{ '%999999999s' % answers.highlight }}", "RS043"),
    "include": ("{% include 'other.md.j2' %}", "RS044"),
    "import": ("{% import 'macros.md.j2' as m %}", "RS044"),
    "from-import": ("{% from 'macros.md.j2' import box %}", "RS044"),
    "extends": ("{% extends 'base.md.j2' %}", "RS044"),
    "long-number": ("{{ 1" + "0" * 5000 + " }}", "RS042"),
}


def test_constant_template_breaches_are_rs_errors_of_a_real_validate(tmp_path: Path) -> None:
    for name, (line, _code) in CONSTANT_CASES.items():
        (tmp_path / f"{name}.yaml").write_text(_script(name), encoding="utf-8")
        (tmp_path / f"{name}.md.j2").write_text(f"# Check-in\n\n{line}\n", encoding="utf-8")
    # The same in a condition: `reflect run` hung on it, validate passed it.
    (tmp_path / "when-power.yaml").write_text(_script("when-power", "9**(9**9) > 1"))
    (tmp_path / "when-repeat.yaml").write_text(_script("when-repeat", "\"'a'*10**9\""))
    for sid in ("when-power", "when-repeat"):
        (tmp_path / f"{sid}.md.j2").write_text("# Check-in\n")
    proc = _reflect("validate", ".", cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert proc.returncode == 1, out
    for name, (_line, code) in CONSTANT_CASES.items():
        assert f"{name}.md.j2:3:1: {code} " in out, f"{name} not reported:\n{out}"
    assert "when-power.yaml:10:11: RS043 the condition '9**(9**9) > 1' goes over a limit" in out
    assert "when-repeat.yaml:10:11: RS043 " in out
    assert out.count("hint: ") == len(CONSTANT_CASES) + 2, out


#: Templates whose cost depends on the answers: validate cannot see it, rendering must stop.
RENDER_CASES: dict[str, str] = {
    "nested-loops-over-lists": "{% set l = range(10000)|list %}{% for i in l %}{% for j in l %}"
                               "{% endfor %}{% endfor %}",
    "range-from-an-answer": "{% for i in range(answers.highlight|length * 100000) %}{% endfor %}",
    "doubling-text": "{% set ns = namespace(s=answers.highlight) %}{% for i in range(60) %}"
                     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "doubling-list": "{% set ns = namespace(l=[answers.highlight]) %}{% for i in range(60) %}"
                     "{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}",
    "appending": "{% set l = [] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}",
    "repeat-an-answer": "{{ answers.highlight * (answers.highlight|length * 10**8) }}",
    "power-of-an-answer": "{{ (answers.highlight|length) ** (10**8) }}",
    "replace-bomb": "{% set t = answers.highlight * 1000 %}{{ t.replace('', t) }}",
    "join-bomb": "{{ range(10000)|join(answers.highlight * 1000) }}",
    "indent-bomb": "{{ ((answers.highlight ~ '\\n') * 5000) | indent(5000) }}",
    "block-of-copies": "{% set big %}{% for i in range(10000) %}{{ answers.highlight * 500 }}"
                       "{% endfor %}{% endset %}{{ big|length }}",
    "macro-calls-itself": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "float-overflow": "{{ (answers.highlight|length) * 10.0 ** 400 }}",
    "wide-from-an-answer": "{{ 'x'.center(answers.highlight|length * 10**7) }}",
    # Small values whose text is huge: ten thousand references to one long text.
    "text-of-many-references": "{% set t = answers.highlight * 20000 %}{{ [t] * 10000 }}",
    "join-of-many-references": "{% set t = answers.highlight * 20000 %}{{ ([t] * 10000)|join }}",
    "concat-of-many-references": "{% set t = answers.highlight * 20000 %}"
                                 "{{ 'x' ~ ([t] * 10000) }}",
    "format-of-many-references": "{% set t = answers.highlight * 20000 %}"
                                 "{{ '%s' % ([t] * 10000,) }}",
    # Values kept one by one: each is allowed, together they are not.
    "keeping-copies": "{% set ns = namespace(l=[]) %}{% for i in range(10000) %}"
                      "{% set ns.l = ns.l + [(answers.highlight * 30000)[1:]] %}{% endfor %}",
    "keeping-slices": "{% set t = answers.highlight * 30000 %}{% set ns = namespace(l=[]) %}"
                      "{% for i in range(10000) %}{% set ns.l = ns.l + [t[i:]] %}{% endfor %}",
}

DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from assistant.core.stepper import Stepper
    from assistant.core.errors import UserError
    from assistant.services.library import Library
    from assistant.services.summary import render_markdown

    lib = Library(prompts=Path(sys.argv[1]), rules=Path(sys.argv[1]))
    for sid in sys.argv[2:]:
        stepper = Stepper(lib.script(sid), lang="en")
        stepper.answer("Gave my first talk at the meetup")
        try:
            out = render_markdown(lib, stepper)
            print(json.dumps([sid, "rendered", out[:200]]), flush=True)
        except UserError as exc:
            print(json.dumps([sid, "refused", exc.message, exc.hint]), flush=True)
    """)


def test_a_template_over_its_budget_stops_with_a_message(tmp_path: Path) -> None:
    for name, line in RENDER_CASES.items():
        (tmp_path / f"{name}.yaml").write_text(_script(name), encoding="utf-8")
        (tmp_path / f"{name}.md.j2").write_text(f"# Check-in\n\n{line}\n", encoding="utf-8")
    validated = _reflect("validate", ".", cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr  # not visible before
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path), *RENDER_CASES],
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = {r[0]: r[1:] for r in map(json.loads, proc.stdout.splitlines())}
    assert set(results) == set(RENDER_CASES)
    for name, (outcome, *detail) in results.items():
        assert outcome == "refused", f"{name} rendered: {detail}"
        message, hint = detail
        assert message.startswith("the summary template "), message
        assert f"{name}.md.j2 (line 3) " in message, message
        assert hint, name
        if name not in ("macro-calls-itself", "float-overflow", "appending"):
            # A budget, not the 500 MB of this test (MemoryError), must stop it.
            assert " went over a limit: " in message, message
    assert "operations" in results["nested-loops-over-lists"][1]
    assert "calls itself" in results["macro-calls-itself"][1]


def test_a_real_plain_run_saves_the_answers_and_says_the_template_went_over(
        tmp_path: Path) -> None:
    folder, home = tmp_path / "content", tmp_path / "home"
    folder.mkdir()
    home.mkdir(mode=0o700)
    (folder / "loops.yaml").write_text(_script("loops"), encoding="utf-8")
    (folder / "loops.md.j2").write_text("# Check-in\n\n" + RENDER_CASES["nested-loops-over-lists"]
                                        + "\n", encoding="utf-8")
    proc = _reflect("run", "loops", "--plain", "--prompts", ".", "--rules", ".", cwd=folder,
                    stdin="A good talk\nThe next one\n\n", home=home)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert proc.returncode == 1, out
    assert "reflect: the summary template loops.md.j2 (line 3) went over a limit: the " \
           "template did more than 100,000 operations" in out, out
    sessions = _reflect("sessions", cwd=folder, home=home)
    (row,) = [line for line in sessions.stdout.splitlines() if " loops " in line]
    assert row.split()[-3] == "2", sessions.stdout  # both answers kept (ANSWERS column)


def test_a_condition_over_its_budget_is_false_and_the_run_goes_on(tmp_path: Path) -> None:
    folder, home = tmp_path / "content", tmp_path / "home"
    folder.mkdir()
    home.mkdir(mode=0o700)
    (folder / "guarded.yaml").write_text(
        _script("guarded", "(answers.highlight|length) ** 999999999 > 1"), encoding="utf-8")
    (folder / "guarded.md.j2").write_text("# Check-in\n\n{{ answers.highlight }}\n")
    proc = _reflect("run", "guarded", "--plain", "--prompts", ".", "--rules", ".", cwd=folder,
                    stdin="A good talk\n\n", home=home)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "What will you focus on?" not in out  # its condition could not be decided: false
    assert "A good talk" in out.split("# Check-in")[-1]
    # A constant over the limit is the script's mistake: the run says so before it starts.
    (folder / "guarded.yaml").write_text(_script("guarded", "9**(9**9) > 1"), encoding="utf-8")
    proc = _reflect("run", "guarded", "--plain", "--prompts", ".", "--rules", ".", cwd=folder,
                    stdin="A good talk\n\n", home=home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "guarded.yaml:10:11: RS043 " in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------- in-process


def test_other_templates_are_not_found_instead_of_a_key_error() -> None:
    with pytest.raises(TemplateNotFound):
        environment().get_template("other.md.j2")
    with pytest.raises(TemplateLimitError) as caught:
        compile_template("{% if true %}\n{% include 'other.md.j2' %}\n{% endif %}\n")
    assert (caught.value.code, caught.value.lineno) == ("RS044", 2)


def _library_with(tmp_path: Path, template: str) -> tuple[Library, Stepper]:
    (tmp_path / "weekly.yaml").write_text(_script("weekly"), encoding="utf-8")
    (tmp_path / "weekly.md.j2").write_text(template, encoding="utf-8")
    lib = Library(prompts=tmp_path, rules=tmp_path)
    stepper = Stepper(lib.script("weekly"), lang="en")
    stepper.answer("A good talk")
    return lib, stepper


@pytest.mark.parametrize("template", [
    "# Check-in\n{% include answers.highlight %}\n",
    "# Check-in\n{{ 1 + answers.highlight }}\n",
    "# Check-in\n{{ answers.highlight.split(1) }}\n",
    "# Check-in\n{{ 10.0 ** (answers.highlight|length * 100) }}\n",
])
def test_any_failure_of_a_template_is_a_user_error(tmp_path: Path, template: str) -> None:
    lib, stepper = _library_with(tmp_path, template)
    with pytest.raises(UserError) as caught:
        render_markdown(lib, stepper)
    assert caught.value.message.startswith("the summary template ")
    assert "weekly.md.j2" in caught.value.message


def test_answers_stay_data_and_ordinary_templates_are_untouched(tmp_path: Path) -> None:
    lib, stepper = _library_with(tmp_path, textwrap.dedent("""\
        # {{ script.title }}

        {{ answers.highlight | quote }}
        {% for e in entries %}{{ loop.index }}. {{ e.prompt ~ ': ' ~ e.answer }}
        {% endfor %}{{ (values.focus or 'no focus') | upper }} {{ 2 ** 10 }} {{ '%5s|' % 'ab' }}
        {{ '-' * 3 }} {{ [1, 2] + [3] }} {{ range(3)|join(',') }} {{ '{:>4}'.format(7) }}
        """))
    stepper.answer("{{ 9**(9**9) }}")
    out = render_markdown(lib, stepper)
    # Never evaluated; and Markdown text, so its braces and stars show as typed.
    typed = r"\{\{ 9\*\*(9\*\*9) \}\}"
    assert out.splitlines() == [
        "# Weekly check-in", "", "> A good talk",
        "1. What went well this week?: A good talk",
        f"2. What will you focus on?: {typed}",
        f"{typed} 1024    ab|", "--- [1, 2, 3] 0,1,2    7"]


def test_a_long_answer_fits_the_output_budget(tmp_path: Path) -> None:
    lib, stepper = _library_with(tmp_path, "# Check-in\n\n{{ answers.highlight | quote }}\n"
                                           "{{ answers.focus }}\n{{ answers.focus }}\n")
    pasted = ("We went through the whole plan line by line. " * 60_000)[:2_500_000]
    stepper.answer(pasted)
    out = render_markdown(lib, stepper)
    assert out.count(pasted.strip()) == 2


def test_the_budget_counts_loop_steps_calls_and_operators() -> None:
    from assistant.core.sandbox import budget

    template = compile_template("{% for i in range(n) %}{{ i * 2 }}{% endfor %}")
    with budget(ops=10_000) as b:
        template.render(n=100)
    assert 200 <= b.used <= 210  # 100 loop steps, 100 products, the call of range()
    with pytest.raises(LimitError), budget(ops=150):
        template.render(n=100)


def test_a_value_not_given_yet_stays_missing_in_a_summary(tmp_path: Path) -> None:
    lib, stepper = _library_with(tmp_path, "# Check-in\n\n[{{ values.focus + 1 }}]"
                                           "[{{ values.focus * 2 }}][{{ -values.focus }}]"
                                           "[{{ values.focus == none }}][{{ values.focus > 3 }}]"
                                           "[{{ values.focus < 3 }}][{{ 'x' in values.focus }}]\n")
    assert render_markdown(lib, stepper).splitlines()[-1] == "[][][][True][False][False][False]"
