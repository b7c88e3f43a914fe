"""Answers are text in every document and on every screen, never markup (issue 22).

An answer holding Markdown or HTML (`![p](https://example.org/t.png)`, a link, a raw
`<script>`) must not become a live remote image, a live link or raw HTML in a summary:
neither in Reflect's own HTML page nor in the `.md` file, which other viewers render with
HTML and links switched on. Bidi overrides and isolates (which reorder what a terminal or
a page shows) and C1 control characters are made visible on screen and escaped in JSON.
Real `reflect` subprocesses and a real pair in a real store.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant.core.safe_text import LINKIFY_LIMIT, markdown_text, neutralise
from assistant.services.content import rules_dir
from assistant.services.library import Library
from assistant.services.pair import PairService
from assistant.store import Store
from tests.plain_driver import ROOT, reflect_cmd

HOSTILE = ("Mine ![p](https://example.org/t.png) and [my site](https://evil.example/x) "
           "<script>alert(1)</script> <img src=https://example.org/i.png> "
           "**loud** `code` <https://example.org/auto>")
#: Right-to-left override, an isolate and its end, a C1 control (NEL), a C1 CSI.
TRICKS = "pay \u202etxt.exe\u202c to \u2067Kim\u2069 now\x85 and \x9b31m"
RAW_BIDI_OR_C1 = re.compile("[\u202a-\u202e\u2066-\u2069\x80-\x9f]")
PAIR_FIXTURES = Path(__file__).parent / "fixtures" / "pair"
#: A multi-line answer whose every line starts a Markdown block, one per line.
BLOCKS = ["# My heading", "> not a quote", "| a | b |", "|---|---|",
          "- [click](javascript:alert(1))", "1. **bold** and __also__", "===",
          "    four spaces", "<div onclick=x>hi</div>", "[ref]: https://example.org/r"]


def reflect(home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True,
                          text=True, timeout=60, cwd=ROOT, env=env)


def session_with(home: Path, wish: str) -> tuple[str, str]:
    done = reflect(home, "run", "goal-clarification", "--plain",
                   input=f"\n2\n{wish}\n\n:pause\n")
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("reflect resume ", 1)[1].split()[0], done.stdout


def live_markup(html: str) -> list[str]:
    """Tags in a page that fetch, link or run anything."""
    return re.findall(r"<\s*(?:img|a|script|iframe|object|embed|link)\b[^>]*>", html, re.I)


def as_other_viewers_render(md: str) -> str:
    """The .md as a permissive viewer shows it: raw HTML, bare links, tables and
    strikethrough switched on."""
    return (MarkdownIt("commonmark", {"html": True, "linkify": True})
            .enable(["linkify", "table", "strikethrough"]).render(md))


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def tags(fragment: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", fragment)}


def test_markdown_in_an_answer_is_text_in_the_html_summary(tmp_path: Path) -> None:
    session, _ = session_with(tmp_path, HOSTILE)
    page = reflect(tmp_path, "summary", session, "--format", "html", "-o", "-")
    assert page.returncode == 0, page.stderr
    assert live_markup(page.stdout) == []
    assert "<strong>loud</strong>" not in page.stdout and "<code>code</code>" not in page.stdout
    # ... and every word of it is still there, as text.
    assert "![p](https://example.org/t.png)" in page.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.stdout


def test_markdown_in_an_answer_is_text_in_the_md_summary(tmp_path: Path) -> None:
    session, _ = session_with(tmp_path, HOSTILE)
    md = reflect(tmp_path, "summary", session, "-o", "-")
    assert md.returncode == 0, md.stderr
    assert "<script>" not in md.stdout  # no raw HTML reaches the file
    rendered = as_other_viewers_render(md.stdout)
    assert live_markup(rendered) == []
    assert "<strong>loud</strong>" not in rendered
    assert "![p](https://example.org/t.png)" in rendered  # as text


def test_markdown_in_a_pair_answer_is_text_in_the_pair_summary(data_home: Path) -> None:
    with Store.open(data_home) as store:
        service = PairService(store, Library(prompts=PAIR_FIXTURES, rules=rules_dir()))
        pair = service.create("evaluation-mini", host="Ana")
        pair, ana = service.join(pair.code, "Ana", "mentor")
        pair, ben = service.join(pair.code, "[Ben](https://evil.example)", "mentee")
        for member, went_well in ((ana, HOSTILE), (ben, "fine")):
            d = service.dialogue(pair, member)
            turn = d.current()
            for value in [None, 4, 5, True, True, went_well, "<b>x</b>", True]:
                turn = service.preanswer(d, member, turn)
                turn = d.answer(value)
        joint = service.joint(pair)
        for value in [None, "- ![a](https://example.org/a.png)", "2026-10-01", True]:
            joint.answer(value)
        md = service.summary(pair)
    assert "<script>" not in md and "<b>" not in md
    rendered = as_other_viewers_render(md)
    assert live_markup(rendered) == []
    assert "![p](https://example.org/t.png)" in rendered
    assert "[Ben](https://evil.example)" in rendered


def test_bidi_and_c1_controls_are_visible_on_screen_and_escaped_in_json(tmp_path: Path) -> None:
    session, shown = session_with(tmp_path, TRICKS)
    assert RAW_BIDI_OR_C1.search(shown) is None
    assert "\\u202e" in shown and "\\x85" in shown  # made visible, not dropped

    found = reflect(tmp_path, "search", "pay")
    assert found.returncode == 0 and RAW_BIDI_OR_C1.search(found.stdout) is None

    for args in (("export", "-o", "-"), ("summary", session, "--format", "json", "-o", "-")):
        done = reflect(tmp_path, *args)
        assert done.returncode == 0, done.stderr
        assert RAW_BIDI_OR_C1.search(done.stdout) is None, args
        assert "\\u202e" in done.stdout and "\\u0085" in done.stdout
        json.loads(done.stdout)  # still valid JSON
    data = json.loads(reflect(tmp_path, "export", "-o", "-").stdout)
    texts = [e["payload"].get("text") for s in data["sessions"] for e in s["events"]]
    assert TRICKS in texts  # the export is lossless: escaped, not changed


def test_every_line_of_a_multi_line_answer_is_text_in_the_md_summary(tmp_path: Path) -> None:
    session, _ = session_with(tmp_path, "\n".join(BLOCKS))
    md = reflect(tmp_path, "summary", session, "-o", "-")
    assert md.returncode == 0, md.stderr
    rendered = as_other_viewers_render(md.stdout)
    quote = re.search(r"<blockquote>(.*?)</blockquote>", rendered, re.S).group(1)
    assert tags(quote) <= {"p", "br"}  # no heading, list, table, link, code or tag
    for line in BLOCKS:
        assert " ".join(line.split()) in text_of(quote)
    assert live_markup(rendered) == [] and "<table" not in rendered


@settings(max_examples=300)
@given(st.text(st.sampled_from("ab 1.:/@#>|-+=*_`~[]()<>!&;\\{}\u202e\x85\n"
                               "hw.xcom") , max_size=60))
def test_any_text_renders_as_itself(text: str) -> None:
    """Whatever a person types, Markdown shows exactly their (neutralised) words."""
    for placed in (markdown_text(text), "> " + markdown_text(text).replace("\n", "\n> ")):
        rendered = as_other_viewers_render(placed)
        assert tags(rendered) <= {"p", "br", "blockquote", "pre", "code"}, placed
        assert text_of(rendered) == " ".join(neutralise(text).split()), placed


def test_a_long_text_renders_as_itself_too() -> None:
    text = ("see https://example.org/x, write to a@b.de or www.x.com at 10:30. " * 400)
    assert len(text) > LINKIFY_LIMIT  # the quick way for long texts
    rendered = as_other_viewers_render(markdown_text(text))
    assert tags(rendered) == {"p"}
    assert text_of(rendered) == " ".join(text.split())
