"""`reflect delete SESSION --yes` leaves no recoverable text of the session's answers.

Real `reflect` subprocesses on a real data home, with every connection's
``secure_delete`` switched off first (tests/reflect_secure_delete_off.py), as on a SQLite
compiled without it. After the delete, the raw bytes of every file in the data home
(database, write-ahead log, shared memory, cache/, anything else) must not hold the
answer or any of its words, case-insensitively: not in the events table, not in the
full-text index's segments, not in an old WAL frame or an old database page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.plain_driver import ROOT, PlainDriver

SECRET = "Zebrafish-Quokka-4711"
#: The answer's words as the search index stores them (lower case, one token each).
WORDS = ("zebrafish-quokka-4711", "zebrafish", "quokka", "4711")
DRIVER = [sys.executable, str(ROOT / "tests" / "reflect_secure_delete_off.py")]


def env_for(home: Path) -> dict[str, str]:
    return {**os.environ, "REFLECT_HOME": str(home)}


def reflect(home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([*DRIVER, *args], input=input, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env_for(home))


def answered_session(home: Path, text: str) -> str:
    """A paused goal clarification whose wish (and its follow-up) hold ``text``."""
    done = reflect(home, "run", "goal-clarification", "--plain",
                   input=f"\n2\n{text}\n\n{text} by {text}\n:pause\n")
    assert done.returncode == 0, done.stderr
    marker = "reflect resume "
    return done.stdout[done.stdout.rindex(marker) + len(marker):].split()[0]


class OtherReflect(PlainDriver):
    """A second `reflect` (secure_delete off too) driven prompt by prompt."""

    def __init__(self, home: Path, *args: str) -> None:
        self.proc = subprocess.Popen([*DRIVER, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=ROOT, env=env_for(home))
        self.output = ""


def leftovers(home: Path) -> dict[str, list[str]]:
    """File (relative to the data home) -> which of WORDS its raw bytes still hold."""
    found: dict[str, list[str]] = {}
    for path in sorted(home.rglob("*")):
        if path.is_file():
            raw = path.read_bytes().lower()
            hits = [w for w in WORDS if w.encode() in raw]
            if hits:
                found[str(path.relative_to(home))] = hits
    return found


def test_the_secret_is_on_disk_before_the_delete(tmp_path: Path) -> None:
    # The check below can fail: the words are really there until the delete.
    home = tmp_path / "home"
    answered_session(home, SECRET)
    assert "reflect.db" in "".join(leftovers(home))


def test_delete_leaves_no_word_of_the_answer_in_any_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    kept = answered_session(home, "Learn to sail on the lake with Maja")
    gone = answered_session(home, SECRET)

    done = reflect(home, "delete", gone, "--yes")
    assert done.returncode == 0, done.stderr
    assert f"Deleted session {gone}" in done.stdout
    assert leftovers(home) == {}
    # The other session and its search still work.
    found = reflect(home, "search", "sail")
    assert found.returncode == 0 and kept in found.stdout
    assert reflect(home, "search", "zebrafish").stdout.strip() == "No answers match."


def test_delete_while_another_reflect_holds_the_database_open(tmp_path: Path) -> None:
    home = tmp_path / "home"
    kept = answered_session(home, "Learn to sail on the lake with Maja")
    gone = answered_session(home, SECRET)
    # A second Reflect is in the middle of a dialogue on the same data home.
    other = OtherReflect(home, "resume", kept, "--plain")
    try:
        assert other.read_prompt() is not None
        done = reflect(home, "delete", gone, "--yes")
        assert done.returncode == 0, done.stderr
        assert leftovers(home) == {}
        # The other Reflect goes on working on the same database.
        other.send("I will ask Maja on Sunday")
        assert other.read_prompt() is not None
        assert leftovers(home) == {}
    finally:
        other.close()
    assert leftovers(home) == {}


READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM events").fetchone()
print("reading", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


def test_delete_during_another_process_s_read_says_what_is_left_and_when(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    answered_session(home, "Learn to sail on the lake with Maja")
    gone = answered_session(home, SECRET)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(home / "reflect.db")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        done = reflect(home, "delete", gone, "--yes")
        # Deleted, but not yet gone from the log: exit 1 and say why and what to do.
        assert done.returncode == 1
        assert f"Deleted session {gone}" in done.stdout
        assert "another Reflect is reading" in done.stderr
        assert "Close the other Reflect" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        reader.communicate("done\n", timeout=30)
    # The reader was the last to close: its checkpoint carried the overwritten pages
    # into the database and removed the log.
    assert reader.returncode == 0
    assert leftovers(home) == {}
