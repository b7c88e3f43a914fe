"""Compiled summary templates kept on disk (Jinja2's bytecode cache) between processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from assistant.services import templates

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from assistant.services import templates

    templates.use_cache(Path(sys.argv[1]))
    text = sys.argv[2]
    compiled = []
    original = templates.environment().compile

    def spy(*args, **kwargs):
        compiled.append(1)
        return original(*args, **kwargs)

    templates.environment().compile = spy
    out = templates.compile_template(text).render(answers={"goal": "Three talks"})
    print(json.dumps({"out": out, "compiled": len(compiled)}))
    """
)


def _run(folder, text: str) -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), text],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_second_process_loads_the_compiled_template_instead_of_compiling(tmp_path):
    folder = tmp_path / "cache" / "templates"
    text = "Goal: {{ answers.goal | upper }}"
    first = _run(folder, text)
    second = _run(folder, text)
    assert first == {"out": "Goal: THREE TALKS", "compiled": 1}
    assert second == {"out": "Goal: THREE TALKS", "compiled": 0}
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    changed = _run(folder, "Aim: {{ answers.goal }}")  # other text: compiled afresh
    assert changed == {"out": "Aim: Three talks", "compiled": 1}


def test_errors_read_as_before_and_a_broken_cache_file_is_compiled_around(tmp_path):
    folder = tmp_path / "t"
    templates.use_cache(folder)
    try:
        broken = "Goal:\n{% if answers.goal %}no end"
        with pytest.raises(TemplateSyntaxError) as caught:
            templates.compile_template(broken)
        with pytest.raises(TemplateSyntaxError) as alone:
            SandboxedEnvironment().from_string(broken)
        assert caught.value.name is None and "endif" in str(caught.value)
        assert (str(caught.value), caught.value.lineno) == (str(alone.value),
                                                            alone.value.lineno)

        text = "Kept: {{ answers.goal }}"
        templates.compile_template(text)
        for cached in folder.iterdir():
            cached.write_bytes(b"not bytecode")
        templates.compile_template.cache_clear()
        templates.environment().cache.clear()
        assert templates.compile_template(text).render(answers={"goal": "x"}) == "Kept: x"
    finally:
        templates.use_cache(None)


TEXTS_CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from assistant.services import templates

    templates.use_cache(Path(sys.argv[1]))
    parsed = []
    original = templates.environment().parse

    def spy(*args, **kwargs):
        parsed.append(1)
        return original(*args, **kwargs)

    templates.environment().parse = spy
    texts, problems = templates.template_texts(sys.argv[2])
    print(json.dumps({"texts": [[t.line, t.col, t.english, t.plural, sorted(t.given or ())]
                                for t in texts],
                      "problems": [[d.line, d.code] for d in problems], "parsed": len(parsed)}))
    """
)


def test_a_second_validation_reads_the_templates_texts_instead_of_parsing(tmp_path):
    import json

    folder = tmp_path / "cache" / "templates"
    text = ('## {{ _("My goal") }}\n'
            '{{ ngettext("%(num)s step", "%(num)s steps", n, who=answers.x) }}\n'
            '{{ _(answers.goal) }}\n')

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", TEXTS_CHILD, str(folder), text],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    first, second = run(), run()
    assert first["texts"] == [[1, 10, "My goal", None, []],
                              [2, 14, "%(num)s step", "%(num)s steps", ["who"]]]
    assert first["problems"] == [[3, "RS046"]]
    assert first["parsed"] == 1 and second["parsed"] == 0
    assert {k: v for k, v in second.items() if k != "parsed"} == \
        {k: v for k, v in first.items() if k != "parsed"}
    kept = [p for p in folder.iterdir() if p.name.endswith(".texts.json")]
    assert len(kept) == 1 and oct(kept[0].stat().st_mode & 0o777) == "0o600"
    kept[0].write_text("[not json", encoding="utf-8")  # a broken file: parsed again
    assert run()["parsed"] == 1


@pytest.mark.parametrize(("answer", "rendered"), [
    ("At our first meeting in June.", "Again: At our first meeting in June."),
    ("At our first meeting in June", "Again: At our first meeting in June."),
    ("At our first meeting in June.  ", "Again: At our first meeting in June."),
    ("Maybe in June?", "Again: Maybe in June?"),
    ("When it feels right!", "Again: When it feels right!"),
    ("Sometime…", "Again: Sometime…"),
    ("**In June.**", "Again: **In June.**"),
    ("**In June**", "Again: **In June**."),
    ("„Im Juni.“", "Again: „Im Juni.“"),
    ("In March (after four meetings)", "Again: In March (after four meetings)."),
    ("v1.2", "Again: v1.2."),
])
def test_full_stop_ends_a_sentence_once(answer: str, rendered: str) -> None:
    template = templates.compile_template("Again: {{ answers.when | full_stop }}")
    assert template.render(answers={"when": answer}) == rendered


def test_full_stop_leaves_a_missing_answer_empty() -> None:
    template = templates.compile_template("[{{ answers.when | full_stop }}]")
    assert template.render(answers={}) == "[]"
