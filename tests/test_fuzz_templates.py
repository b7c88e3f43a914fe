"""Fuzzing the template sandbox: random templates made of the operations that can grow
(`**`, `*`, `+`, `~`, `%`, `range`, loops, filters and methods with size arguments,
slices) either fail to compile with a syntax or limit error, or render, or stop with
the project's own message; nothing else, and never more than 500 MB.

The examples run in a child process with an address-space limit, so a gap in the
budgets shows as a failure here instead of as a machine out of memory. Each render gets
a small budget (5,000 operations) to keep the run short; the limits on sizes are the
real ones.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 500 * 1024 * 1024

ATOMS = st.sampled_from([
    "answers.highlight", "answers.focus", "values.nothing", "entries", "range(50)",
    "range(10000)", "0", "1", "2", "9", "64", "1000", "100000", "999999999", "-3", "2.5",
    "'a'", "'%s'", "'%9999s'", "'{:>9999}'", "'\\n'", "[1, 2]", "[answers.highlight]",
    "entries|map(attribute='answer')|list", "namespace(s='x')",
])
BINARY = st.sampled_from(["**", "*", "+", "~", "%", "//", "-"])
SUFFIX = st.sampled_from([
    "|length", "|join", "|join(answers.highlight)", "|center(9999)", "|indent(999)",
    "|replace('a', answers.highlight)", "|replace('', answers.highlight)", "|list",
    "|batch(999)", "|string", "|sum", "|format(answers.highlight)", "|reverse", "|unique",
    "|wordwrap(1, true, answers.highlight)", "|tojson", "|first", "|int", "|abs",
    ".center(9999)", ".replace('', answers.highlight)", ".split()", ".format(entries)",
    ".expandtabs(9999)", ".zfill(9999)", "[1:]", "[::-1]", "[0]",
])


def _expressions() -> st.SearchStrategy[str]:
    return st.recursive(
        ATOMS,
        lambda inner: st.one_of(
            st.tuples(inner, BINARY, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, SUFFIX).map(lambda t: f"({t[0]}){t[1]}"),
        ),
        max_leaves=6,
    )


EXPR = _expressions()
TEMPLATES = st.one_of(
    EXPR.map(lambda e: "{{ " + e + " }}"),
    st.tuples(EXPR, EXPR).map(lambda t: "{% for i in " + t[0] + " %}{{ " + t[1] +
                              " }}{% endfor %}"),
    st.tuples(EXPR, EXPR, EXPR).map(
        lambda t: "{% for i in " + t[0] + " %}{% for j in " + t[1] + " %}{{ " + t[2] +
                  " }}{% endfor %}{% endfor %}"),
    st.tuples(EXPR, EXPR).map(
        lambda t: "{% set ns = namespace(v=" + t[0] + ") %}{% for i in range(40) %}"
                  "{% set ns.v = ns.v " + "~ ns.v" + " if ns.v is string else " + t[1] +
                  " %}{% endfor %}{{ ns.v|length }}"),
    # Texts translated through the string table, whose translations repeat the value.
    st.tuples(EXPR, EXPR).map(
        lambda t: "{% for i in " + t[1] + " %}{{ _('Said: %(a)s', a=" + t[0] + ") }}"
                  "{{ ngettext('%(num)s time %(a)s', '%(num)s times %(a)s', " + t[1] +
                  ", a=" + t[0] + ") }}{% endfor %}"),
)


def check(body: str) -> None:
    """Compile and render one template against a paused session; only our errors."""
    from jinja2 import TemplateSyntaxError

    from assistant.core.errors import UserError
    from assistant.core.sandbox import budget
    from assistant.core.stepper import Stepper
    from assistant.services.library import Library
    from assistant.services.summary import render_markdown
    from assistant.services.templates import compile_template

    text = "# Check-in\n\n" + body + "\n"
    try:
        compile_template(text)
    except TemplateSyntaxError:
        return  # a syntax error, an unknown filter, or a constant over a limit (RS043)
    folder = Path(sys.argv[1])
    (folder / "fuzz.md.j2").write_text(text, encoding="utf-8")
    lib = Library(prompts=folder, rules=folder)
    lang = "de" if "_(" in body else "en"
    stepper = Stepper(lib.script("fuzz", lang), lang=lang)
    stepper.answer("We talked about the plan\tand the first draft")
    try:
        with budget(ops=5_000, seconds=0.5):
            render_markdown(lib, stepper)
    except UserError:
        pass


@settings(max_examples=200)
@given(TEMPLATES)
def fuzz(body: str) -> None:
    check(body)


SCRIPT = ("id: fuzz\ntitle: Fuzz\nsteps:\n"
          "  - {id: highlight, kind: text, prompt: What went well?}\n"
          "  - {id: focus, kind: text, prompt: What next?}\n"
          "  - {id: review, kind: review, prompt: Change anything?}\n")


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


GERMAN = ("translation_of: fuzz\nlang: de\nstrings: {}\nsummary:\n"
          f"  'Said: %(a)s': '{'%(a)s' * 5000}'\n"
          "  '%(num)s time %(a)s':\n"
          f"    one: '{'%(a)s' * 5000}'\n"
          f"    other: '{'%(num)s %(a)s' * 5000}'\n")


def test_random_templates_render_or_stop_with_our_message_in_500_mb(tmp_path: Path) -> None:
    (tmp_path / "fuzz.yaml").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "fuzz.de.yaml").write_text(GERMAN, encoding="utf-8")
    child = ("import sys; import tests.conftest; "
             "from tests.test_fuzz_templates import fuzz; fuzz()")
    proc = subprocess.run([sys.executable, "-c", child, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, preexec_fn=_limited)
    assert proc.returncode == 0, proc.stderr[-4000:]
