"""Every command ends in one clear message or works: never a traceback (issue 22).

Real `reflect` subprocesses on real data homes. Each case is what a person (or a damaged
disk) really does: bytes that are not UTF-8 on stdin or in an argument, a stored row that
is no longer valid JSON, an output that is full or closed, Ctrl-C, and a bug we have not
found yet (injected, to show the last line of defence holds).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plain_driver import ROOT, PlainDriver, reflect_cmd

GOAL = "Give three short talks at our team meeting by the end of March"


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECT_DEBUG"}
    return {**env, "REFLECT_HOME": str(home), **extra}


def run(home: Path, *args: str, input: bytes = b"", **popen) -> subprocess.CompletedProcess:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.run(reflect_cmd(*args), input=input, timeout=60, cwd=ROOT,
                          env=env_for(home), **streams)


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8", "replace")


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


def one_clear_message(proc: subprocess.CompletedProcess) -> str:
    """Exit 1, stderr starts with `reflect:` and holds no traceback; returns stderr."""
    text = err(proc)
    assert proc.returncode == 1, (proc.returncode, text)
    assert "Traceback" not in text and "Error:" not in text.split("\n")[0][:10], text
    assert text.startswith("reflect: ") or "\nreflect: " in text, text
    return text


def paused_session(home: Path, wish: bytes = GOAL.encode()) -> tuple[str, str]:
    done = run(home, "run", "goal-clarification", "--plain",
               input=b"\n2\n" + wish + b"\n\n:pause\n")
    assert done.returncode == 0, err(done)
    marker = "reflect resume "
    text = out(done)
    return text[text.rindex(marker) + len(marker):].split()[0], text


def exported(home: Path) -> dict:
    done = run(home, "export", "-o", "-")
    assert done.returncode == 0, err(done)
    return json.loads(done.stdout)


def answers_of(data: dict, session: str) -> list[str]:
    """The session's answers to "What would you like to be different…" (step wish)."""
    (s,) = [s for s in data["sessions"] if s["id"] == session]
    return [e["payload"]["text"] for e in s["events"] if e["kind"] == "answered"
            and e["payload"] and e["payload"].get("step") == "wish"]


# --------------------------------------------------------------------------- not UTF-8


def test_an_answer_with_bytes_that_are_not_utf8_is_kept_and_the_person_told(
        tmp_path: Path) -> None:
    # A paste from a Latin-1 terminal: "Präsentation" with a lone \xe4.
    session, shown = paused_session(tmp_path, b"Give a Pr\xe4sentation to the team in May")
    assert "Traceback" not in shown
    assert "not valid UTF-8" in shown  # said where the person reads
    assert answers_of(exported(tmp_path), session) == [
        "Give a Pr\ufffdsentation to the team in May"]


def test_summary_and_search_with_an_argument_that_is_not_utf8(tmp_path: Path) -> None:
    paused_session(tmp_path)
    text = one_clear_message(run(tmp_path, "summary", os.fsdecode(b"ab\xffcd")))
    assert "No session with id" in text and "reflect sessions" in text
    found = run(tmp_path, "search", os.fsdecode(b"talks \xff"))
    assert found.returncode == 0, err(found)
    assert "Traceback" not in err(found)


# --------------------------------------------------------------------------- damaged rows


def damage(home: Path, sql: str, *params: object) -> None:
    with sqlite3.connect(home / "reflect.db") as conn:
        conn.execute(sql, params)


def test_a_damaged_event_payload_export_keeps_everything_else_and_names_the_row(
        tmp_path: Path) -> None:
    kept, _ = paused_session(tmp_path)
    broken, _ = paused_session(tmp_path, b"Learn to sail on the lake this summer")
    damage(tmp_path, "UPDATE events SET payload = '{\"step\": \"wish\", \"text\": \"Learn to s'"
           " WHERE session_id = ? AND kind = 'answered'"
           " AND json_extract(payload, '$.step') = 'wish'", broken)

    done = run(tmp_path, "export", "-o", "-")
    assert done.returncode == 0, err(done)
    assert "Traceback" not in err(done)
    data = json.loads(done.stdout)
    assert answers_of(data, kept) == [GOAL]
    (bad,) = [s for s in data["sessions"] if s["id"] == broken]
    (event,) = [e for e in bad["events"] if e["payload"] is None]
    assert event["damaged"].startswith('{"step": "wish"') and event["kind"] == "answered"
    assert len(bad["events"]) >= 3  # the rest of the session is all there
    assert f"session {broken}" in err(done) and f"event {event['seq']}" in err(done)

    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0 and broken in out(listed) and kept in out(listed)
    text = one_clear_message(run(tmp_path, "summary", broken))
    assert f"event {event['seq']} of session {broken}" in text and "reflect export" in text
    assert run(tmp_path, "summary", kept).returncode == 0


def test_a_damaged_session_meta_breaks_no_command(tmp_path: Path) -> None:
    broken, _ = paused_session(tmp_path)
    damage(tmp_path, "UPDATE sessions SET meta = '{\"pair\": ' WHERE id = ?", broken)

    listed = run(tmp_path, "sessions")
    assert listed.returncode == 0 and broken in out(listed), err(listed)
    done = run(tmp_path, "export", "-o", "-")
    assert done.returncode == 0, err(done)
    (bad,) = json.loads(done.stdout)["sessions"]
    assert bad["meta"] == {} and bad["damaged"] == {"meta": '{"pair": '}
    assert answers_of(json.loads(done.stdout), broken) == [GOAL]
    assert f"session {broken}" in err(done)
    summary = run(tmp_path, "summary", broken)
    assert summary.returncode == 0 and GOAL in out(summary), err(summary)
    found = run(tmp_path, "search", "talks")
    assert found.returncode == 0 and broken in out(found), err(found)


# --------------------------------------------------------------------------- outputs


def test_export_to_a_full_disk_says_so(tmp_path: Path) -> None:
    paused_session(tmp_path)
    with open("/dev/full", "wb") as full:
        done = run(tmp_path, "export", "-o", "-", stdout=full, stderr=subprocess.PIPE)
    text = one_clear_message(done)
    assert "No space left" in text and "-o" in text


def test_summary_to_a_full_disk_file_says_so(tmp_path: Path) -> None:
    session, _ = paused_session(tmp_path)
    text = one_clear_message(run(tmp_path, "summary", session, "-o", "/dev/full"))
    assert "cannot save /dev/full: No space left on device" in text


def test_a_plain_run_with_stdout_closed_says_so_and_stores_nothing(tmp_path: Path) -> None:
    done = subprocess.run([*reflect_cmd("run", "goal-clarification", "--plain")],
                          input=b"\n2\n", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=60, cwd=ROOT, env=env_for(tmp_path),
                          preexec_fn=lambda: os.close(1))
    text = one_clear_message(done)
    assert "output is closed" in text
    assert "No sessions yet" in out(run(tmp_path, "sessions"))


# --------------------------------------------------------------------------- Ctrl-C


@pytest.mark.parametrize("args", [("run", "goal-clarification", "--plain"),
                                  ("practice", "--plain", "--lang", "en")])
def test_ctrl_c_exits_130(tmp_path: Path, args: tuple[str, ...]) -> None:
    driver = PlainDriver(*args, env=env_for(tmp_path))
    try:
        assert driver.read_prompt() is not None
        driver.proc.send_signal(signal.SIGINT)
        assert driver.proc.wait(30) == 130
        assert b"Traceback" not in driver.proc.stderr.read()
    finally:
        if driver.proc.poll() is None:
            driver.kill()


# --------------------------------------------------------------------------- the boundary

FAULT = """
import sys
from assistant import store
def broken(*args, **kwargs):
    raise RuntimeError("an unforeseen fault")
store.Store.sessions = broken
store.Store.export_all = broken
from assistant.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["sessions", "export"])
def test_an_unforeseen_error_is_one_line_and_exit_1(tmp_path: Path, command: str) -> None:
    done = subprocess.run([sys.executable, "-c", FAULT, command], capture_output=True,
                          timeout=60, cwd=ROOT, env=env_for(tmp_path))
    text = one_clear_message(done)
    assert len(text.strip().splitlines()) <= 2, text
    assert f"reflect {command}" in text and "an unforeseen fault" in text
    assert "REFLECT_DEBUG=1" in text  # how to see the details when reporting it
