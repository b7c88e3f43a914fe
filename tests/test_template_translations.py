"""One summary template per script, its words translated through the script's string
tables: what an author writes, what `reflect validate` says about it, what renders.

A template marks its words with `_("...")` (or `{% trans %}`, Jinja2's i18n extension);
`<script>.de.yaml` translates them under `summary:`, by their English text.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from assistant.cli.main import main
from assistant.core.safe_text import markdown_text
from assistant.core.stepper import Stepper
from assistant.services.library import Library
from assistant.services.summary import render_markdown

SCRIPT = """\
id: weekly
title: Weekly check-in
purpose: A short look back at the week.
steps:
  - id: highlight
    kind: text
    prompt: What went well this week?
  - id: rating
    kind: scale
    prompt: How was the week, all in all?
    min: 1
    max: 5
  - id: review
    kind: review
    prompt: Is this right?
"""

TEMPLATE = """\
# {{ _("Weekly check-in of %(date)s", date=date) }}

## {{ _("What went well") }}

{{ answers.highlight | quote if answers.highlight else _("_Not answered yet._") }}

{% if values.rating %}
{{ ngettext("The week got %(num)s point.", "The week got %(num)s points.", values.rating) }}
{% endif %}
{% trans %}Bring this to your next meeting.{% endtrans %}

"""

GERMAN = """\
translation_of: weekly
lang: de
strings:
  title: {text: "Wochenrückblick", source: "4f0d9d09"}
  purpose: {text: "Ein kurzer Blick zurück auf die Woche.", source: "2bd4ed4f"}
  steps.highlight.prompt: {text: "Was lief diese Woche gut?", source: "f0d6e6cf"}
  steps.rating.prompt: {text: "Wie war die Woche alles in allem?", source: "1d0d8e5e"}
  steps.review.prompt: {text: "Stimmt das so?", source: "58ab4f9b"}
summary:
  "Weekly check-in of %(date)s": "Wochenrückblick vom %(date)s"
  "What went well": "Was gut lief"
  "_Not answered yet._": "_Noch nicht beantwortet._"
  "The week got %(num)s point.":
    one: "Die Woche bekam %(num)s Punkt."
    other: "Die Woche bekam %(num)s Punkte."
  "Bring this to your next meeting.": "Bring das zu eurem nächsten Treffen mit."
"""


def write(folder: Path, *, template: str = TEMPLATE, german: str = GERMAN) -> Path:
    from assistant.core.loader import script_strings, source_hash
    from assistant.core.yamlsource import parse

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "weekly.yaml").write_text(SCRIPT, encoding="utf-8")
    (folder / "weekly.md.j2").write_text(template, encoding="utf-8")
    # The fingerprints above are placeholders: set the real ones, as an author would
    # after `reflect validate` printed them.
    for sid, text in script_strings(parse(SCRIPT, "weekly.yaml").data).items():
        start = german.find(f"  {sid}: ")
        if start >= 0:
            at = german.index('source: "', start) + len('source: "')
            german = german[:at] + source_hash(text) + german[at + 8:]
    (folder / "weekly.de.yaml").write_text(german, encoding="utf-8")
    return folder


def summary(folder: Path, lang: str, highlight: object = "We shipped the survey",
            rating: object = 4) -> str:
    library = Library(prompts=folder, rules=folder)
    stepper = Stepper(library.script("weekly", lang), lang=lang, clock=lambda: 1_790_000_000.0)
    for value in (highlight, rating):
        stepper.answer(value) if value is not None else stepper.skip()
    return render_markdown(library, stepper)


def validate(folder: Path, monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    code = main(["validate", ".", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


# ---------------------------------------------------------------------- rendering


def test_the_one_template_renders_in_english_and_in_german(tmp_path: Path) -> None:
    folder = write(tmp_path / "p")
    en = summary(folder, "en")
    de = summary(folder, "de")
    assert en.startswith("# Weekly check-in of 2026-09-21\n\n## What went well\n\n"
                         "> We shipped the survey\n")
    assert "The week got 4 points.\nBring this to your next meeting.\n" in en
    assert de.startswith("# Wochenrückblick vom 2026-09-21\n\n## Was gut lief\n\n"
                         "> We shipped the survey\n")
    assert "Die Woche bekam 4 Punkte.\nBring das zu eurem nächsten Treffen mit.\n" in de
    assert "point" not in de and "went" not in de


def test_one_point_is_singular_in_both_languages(tmp_path: Path) -> None:
    folder = write(tmp_path / "p")
    assert "The week got 1 point.\n" in summary(folder, "en", rating=1)
    assert "Die Woche bekam 1 Punkt.\n" in summary(folder, "de", rating=1)


def test_a_question_not_answered_yet_reads_as_such_in_german(tmp_path: Path) -> None:
    folder = write(tmp_path / "p")
    de = summary(folder, "de", highlight=None, rating=None)
    assert "## Was gut lief\n\n_Noch nicht beantwortet._\n" in de
    assert "Punkt" not in de


def test_a_text_missing_from_the_table_renders_in_english(tmp_path: Path) -> None:
    folder = write(tmp_path / "p", german=GERMAN.replace('  "What went well": "Was gut lief"\n',
                                                         ""))
    de = summary(folder, "de")
    assert "## What went well\n" in de and "Wochenrückblick vom" in de


def test_a_translation_with_a_wrong_placeholder_renders_the_english_text(tmp_path: Path) -> None:
    folder = write(tmp_path / "p", german=GERMAN.replace("vom %(date)s", "vom %(datum)s"))
    assert summary(folder, "de").startswith("# Weekly check-in of 2026-09-21\n")


def test_an_answer_with_placeholders_stays_as_typed(tmp_path: Path) -> None:
    template = '{{ _("Said: %(text)s", text=answers.highlight) }}\n'
    folder = write(tmp_path / "p", template=template,
                   german=GERMAN + '  "Said: %(text)s": "Gesagt: %(text)s"\n')
    typed = "100%% of %(date)s and {{ 7*7 }} %s"
    # As typed: no placeholder filled, nothing evaluated (and, as every answer in a
    # summary, written as Markdown text, its braces and stars escaped).
    assert summary(folder, "de", highlight=typed) == f"Gesagt: {markdown_text(typed)}\n"


RENDER_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from test_template_translations import summary
from assistant.core.errors import UserError
try:
    summary(Path(sys.argv[1]), "de", highlight="x" * 100_000)
except UserError as exc:
    print(exc.message)
"""


def test_placeholders_cannot_make_a_render_exhaust_memory(tmp_path: Path) -> None:
    """A translation that repeats a placeholder 10,000 times, with an answer of 100,000
    characters, would be a text of a gigabyte: it is refused before it is built (the
    render runs in a child that may use 500 MB)."""
    import resource
    import subprocess
    import sys

    template = '{{ _("Said: %(text)s", text=answers.highlight) }}\n'
    german = GERMAN + '  "Said: %(text)s": "' + "%(text)s" * 10_000 + '"\n'
    folder = write(tmp_path / "p", template=template, german=german)
    limit = 500 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", RENDER_CHILD, str(folder), str(Path(__file__).parent)],
        capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "weekly.md.j2" in done.stdout and "went over a limit" in done.stdout, done.stdout


# ---------------------------------------------------------------------- validate


def test_the_translated_template_validates(tmp_path: Path, monkeypatch, capsys) -> None:
    code, out = validate(write(tmp_path / "p"), monkeypatch, capsys, "--lang", "de", "--strict")
    assert code == 0, out


def test_a_template_text_not_translated_is_an_error_at_its_line(tmp_path: Path, monkeypatch,
                                                                 capsys) -> None:
    folder = write(tmp_path / "p", german=GERMAN.replace('  "What went well": "Was gut lief"\n',
                                                         ""))
    code, out = validate(folder, monkeypatch, capsys, "--lang", "de")
    assert code == 1
    assert "weekly.md.j2:3:10: RS025 'What went well' is not translated into de" in out
    assert "add it under summary: in weekly.de.yaml" in out


def test_a_block_text_not_translated_is_an_error_at_its_line(tmp_path: Path, monkeypatch,
                                                             capsys) -> None:
    german = GERMAN.replace('  "Bring this to your next meeting.": "Bring das zu eurem '
                            'nächsten Treffen mit."\n', "")
    code, out = validate(write(tmp_path / "p", german=german), monkeypatch, capsys,
                         "--lang", "de")
    assert code == 1
    assert "weekly.md.j2:10:12: RS025 'Bring this to your next meeting.' is not translated" in out


def test_a_table_that_exists_is_checked_without_lang(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    """Issue 18: without --lang an existing weekly.de.yaml was not checked at all."""
    folder = write(tmp_path / "p", german=GERMAN.split("summary:")[0])
    for extra in ((), ("--lang", "de")):
        code, out = validate(folder, monkeypatch, capsys, *extra)
        assert code == 1 and out.count("RS025") == 5, out
    (folder / "weekly.de.yaml").unlink()
    assert validate(folder, monkeypatch, capsys)[0] == 0  # no table: only --lang asks for one


def test_an_edited_english_text_points_to_its_old_translation(tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    template = TEMPLATE.replace('_("What went well")', '_("What went really well")')
    code, out = validate(write(tmp_path / "p", template=template), monkeypatch, capsys,
                         "--lang", "de")
    assert code == 1
    assert "weekly.md.j2:3:10: RS025 'What went really well' is not translated into de" in out
    assert "'What went well'" in out.split("RS025", 1)[1].split("\n", 2)[1]  # the hint
    assert "weekly.de.yaml:11:3: RS027 warning: 'What went well' is not a text of the " \
           "summary template" in out


def test_a_translation_naming_another_placeholder_is_an_error(tmp_path: Path, monkeypatch,
                                                               capsys) -> None:
    folder = write(tmp_path / "p", german=GERMAN.replace("vom %(date)s", "vom %(datum)s"))
    code, out = validate(folder, monkeypatch, capsys, "--lang", "de")
    assert code == 1
    assert "weekly.de.yaml:10:3: RS045 " in out and "%(datum)s" in out and "%(date)s" in out


def test_a_plural_translated_as_one_text_is_an_error(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    german = GERMAN.replace('''  "The week got %(num)s point.":
    one: "Die Woche bekam %(num)s Punkt."
    other: "Die Woche bekam %(num)s Punkte."
''', '  "The week got %(num)s point.": "Die Woche bekam %(num)s Punkte."\n')
    code, out = validate(write(tmp_path / "p", german=german), monkeypatch, capsys,
                         "--lang", "de")
    assert code == 1
    assert "weekly.de.yaml:13:3: RS005 " in out and "one:" in out and "other:" in out


def test_a_text_made_at_render_time_cannot_be_translated(tmp_path: Path, monkeypatch,
                                                         capsys) -> None:
    template = TEMPLATE + '{{ _(answers.highlight) }}\n'
    code, out = validate(write(tmp_path / "p", template=template), monkeypatch, capsys)
    assert code == 1
    assert "weekly.md.j2:12:4: RS046 " in out


def test_a_placeholder_the_call_does_not_give_is_an_error(tmp_path: Path, monkeypatch,
                                                          capsys) -> None:
    template = TEMPLATE.replace('date=date', 'day=date')
    code, out = validate(write(tmp_path / "p", template=template), monkeypatch, capsys)
    assert code == 1
    assert "weekly.md.j2:1:9: RS045 " in out and "%(date)s" in out


def test_an_old_template_per_language_is_still_used_and_named(tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    folder = write(tmp_path / "p")
    (folder / "weekly.de.md.j2").write_text("# Eigene Vorlage: {{ answers.highlight }}\n",
                                            encoding="utf-8")
    assert summary(folder, "de") == "# Eigene Vorlage: We shipped the survey\n"
    code, out = validate(folder, monkeypatch, capsys, "--lang", "de")
    assert code == 0
    assert "weekly.de.md.j2:1:1: RS047 warning: " in out


# ---------------------------------------------------------------------- bundled


def test_each_bundled_summary_template_exists_once() -> None:
    """Every dialogue's summary, and the pair summary of the joint step, is one file."""
    from assistant.services.pair import joint_library

    for library in (Library(), joint_library()):
        folder = library.prompts
        per_language = sorted(p.name for lang in ("de", "da")
                              for p in folder.glob(f"*.{lang}.md.j2"))
        assert per_language == [], folder
        for script_id in library.script_ids():
            script = library.script(script_id)
            assert (folder / (script.summary or f"{script_id}.md.j2")).is_file(), script_id
            for lang in ("de", "da"):
                assert library.template(script, lang) == library.template(script, "en")


# ---------------------------------------------------------------------- any translation

_PIECES = st.sampled_from(["%(a)s", "%(b)s", "%(zz)s", "%%", "%", "%(a)d", "%s", "(", ")",
                           "Zeit ", "» ", "{{ 7*7 }}", "\n"])


@hsettings(max_examples=200)
@given(translation=st.lists(_PIECES, max_size=30).map("".join),
       a=st.text(max_size=40), b=st.one_of(st.integers(), st.text(max_size=5)))
def test_any_translation_renders_its_words_and_the_values_as_given(translation: str, a: str,
                                                                   b: object) -> None:
    """Whatever a string table says, a render puts the values in as they are and reads
    nothing else of the text as a format or a template."""
    from assistant.services.templates import compile_template, translations

    english = "A: %(a)s, B: %(b)s, %(zz)s"
    template = compile_template('{{ _("A: %(a)s, B: %(b)s, %(zz)s", a=a, b=b) }}')
    out = template.render(a=a, b=b, **translations({english: translation}))
    # A translation naming a placeholder its English text has not is not used.
    names = set(re.findall(r"%\((\w+)\)s", translation))
    expected_text = translation if names <= {"a", "b", "zz"} else english
    pieces = re.split(r"(%\(\w+\)s|%%)", expected_text)
    values = {"%(a)s": a, "%(b)s": str(b), "%%": "%"}
    assert out == "".join(values.get(p, p) for p in pieces)


def test_the_example_in_docs_scripts_renders_as_it_says(tmp_path: Path) -> None:
    """The template and the string table docs/scripts.md shows an author work together."""
    import yaml

    from assistant.services.templates import compile_template, template_texts, translations

    docs = (Path(__file__).resolve().parent.parent / "docs" / "scripts.md").read_text()
    template = docs.split("### One template for every language", 1)[1] \
        .split("```jinja\n", 1)[1].split("```", 1)[0]
    table = yaml.safe_load(docs.split("```yaml\nsummary:", 1)[1].split("```", 1)[0]
                           .join(["summary:", ""]))["summary"]
    german = {k: (v["one"], v["other"]) if isinstance(v, dict) else v for k, v in table.items()}
    texts, problems = template_texts(template)
    assert not problems and {t.english for t in texts} >= set(german)
    context = {"answers": {"wish": "", "area": "Meine Laufbahn"}, "values": {"confidence": 4},
               "every": {"first_step": ["Anna fragen"]}}
    out = compile_template(template).render({**context, **translations(german)})
    assert out.startswith("## Mein Ziel\n\n_Not written down yet._\n")
    assert "Meine Zuversicht: **4 von 5**.\n1 erster Schritt bisher.\n" in out
