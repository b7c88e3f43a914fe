"""A database another program holds a write lock on gives a clear message fast (issue 22).

Reflect waited 31 s in silence (a 5 s busy timeout, retried six times) when another
process held the write lock: a `sqlite3` shell with an open transaction, a backup tool,
a Reflect stopped in a debugger. A write now waits at most `LOCK_WAIT` seconds in all
and then says what is wrong and exits 1. A real holder process and real `reflect`
subprocesses; the generous timeouts only catch a hang.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.store import DB_NAME, LOCK_WAIT, Store, StoreError
from tests.plain_driver import ROOT, reflect_cmd

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE _migrations SET applied_at = applied_at")
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def held(data_home: Path):
    """A data home whose database another process holds the write lock on."""
    Store.open(data_home).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_home / DB_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    yield data_home
    holder.communicate("", timeout=10)


def reflect(home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=5 * LOCK_WAIT + 10, cwd=ROOT, env=env)


def test_a_run_on_a_locked_database_says_so_and_exits_1(held: Path) -> None:
    done = reflect(held, "run", "goal-clarification", "--plain", input="\n2\nTalk more\n\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "locked by another program" in done.stderr and str(held) in done.stderr


def test_reading_a_locked_database_still_works(held: Path) -> None:
    done = reflect(held, "sessions")
    assert done.returncode == 0, done.stderr  # WAL: a writer does not block readers


def test_a_write_on_a_locked_database_raises_the_store_s_message(held: Path) -> None:
    with pytest.raises(StoreError, match="locked by another program"):
        with Store.open(held) as s:
            s.create_session("goal-clarification", "en")


def test_a_lock_held_only_briefly_is_waited_for(data_home: Path) -> None:
    with Store.open(data_home) as store:
        other = sqlite3.connect(data_home / DB_NAME, isolation_level=None,
                                check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        # Released well inside the wait, from another thread, while the write waits.
        threading.Timer(LOCK_WAIT / 4, lambda: other.execute("COMMIT")).start()
        session = store.create_session("goal-clarification", "en")
        other.close()
        assert store.session(session).script == "goal-clarification"
