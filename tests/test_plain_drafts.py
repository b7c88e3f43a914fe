"""Plain mode keeps the lines of a multi-line answer not yet ended by the empty line
when the person pauses, and offers them again on resume (real `reflect` processes)."""

from __future__ import annotations

from assistant.store import Store

from .plain_driver import run_reflect


def test_lines_typed_before_pause_are_a_draft_that_an_empty_line_sends(data_home):
    # welcome, area 1, then two lines of the wish and :pause before the empty line
    out = run_reflect("run", "goal-clarification", "--plain",
                      input="\n1\nI want to give three talks\nby the end of June\n:pause\n")
    assert out.returncode == 0, out.stderr
    assert "the lines you had not sent yet are kept as a draft" in out.stdout
    with Store.open(data_home) as store:
        (session,) = store.sessions()
        assert [e.payload["text"] for e in store.events(session.id) if e.kind == "draft"] == [
            "I want to give three talks\nby the end of June"]

    out = run_reflect("resume", session.id, "--plain", input="\n")
    assert out.returncode == 0, out.stderr
    assert ("(your draft from last time: I want to give three talks / by the end of June"
            in out.stdout)
    with Store.open(data_home) as store:
        wish = [e.payload["value"] for e in store.events(session.id)
                if e.kind == "answered" and e.payload["step"] == "wish"]
    assert wish == ["I want to give three talks\nby the end of June"]


def test_pause_without_unsent_lines_says_everything_is_saved(data_home):
    out = run_reflect("run", "goal-clarification", "--plain", input="\n1\n:pause\n")
    assert out.returncode == 0, out.stderr
    assert "Paused; everything is saved." in out.stdout
    assert "draft" not in out.stdout
