"""A data home Reflect cannot write to still lets a person read and copy out their data.

Real `reflect` subprocesses. A read-only data home is a folder and database the process
may read but not write (as root, which ignores permission bits, the subprocess drops the
capabilities that let it); a full disk is imitated with a file-size limit of
zero (every write that would grow a file fails, as on a full disk). Either way
`sessions`, `export`, `search` and `summary` work, and a command that must write says
what is wrong in one message. A foreign SQLite file is refused before anything is
written to it.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.plain_driver import ROOT, reflect_cmd

GOAL = "Give three short talks at our team meeting by the end of March"
STILL_WORKS = "`reflect sessions`, `search`, `summary` and `export` still work"
#: linux/prctl.h and linux/capability.h
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECT_DEBUG"}
    # HOME too: exports and caches of a process that may not write the real one.
    return {**env, "REFLECT_HOME": str(home), "HOME": str(home.parent)}


def run(home: Path, *args: str, input: str = "",
        preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env_for(home), preexec_fn=preexec)


def clear_message(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and done.stderr.startswith("reflect: ")
    return done.stderr


@pytest.fixture
def home() -> Iterator[Path]:
    """A data home with one paused goal clarification."""
    base = Path(tempfile.mkdtemp(prefix="reflect-ro-"))
    try:
        home = base / "home"
        done = run(home, "run", "goal-clarification", "--plain",
                   input=f"\n2\n{GOAL}\n\n:pause\n")
        assert done.returncode == 0, done.stderr
        yield home
    finally:
        for path in [base, *base.rglob("*")]:
            if path.is_dir():
                path.chmod(0o700)
        shutil.rmtree(base)


def session_of(home: Path) -> str:
    done = run(home, "sessions")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[1].split()[0]


def without_root_overrides() -> None:
    """preexec_fn: permission bits bind this process even as root (drop the
    capabilities that override them from its bounding set before it execs)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def read_only(home: Path) -> Callable[[], None] | None:
    """Make the data home read-only for the subprocess; returns its preexec_fn."""
    for path in [*home.rglob("*"), home]:
        path.chmod(0o500 if path.is_dir() else 0o400)
    return without_root_overrides if os.geteuid() == 0 else None


def disk_full() -> None:
    """preexec_fn: no file may grow (writes fail with EFBIG, like ENOSPC on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def reading_works(home: Path, session: str, preexec: Callable[[], None] | None) -> None:
    listed = run(home, "sessions", preexec=preexec)
    assert listed.returncode == 0 and session in listed.stdout, listed.stderr
    exported = run(home, "export", "-o", "-", preexec=preexec)
    assert exported.returncode == 0, exported.stderr
    (data,) = json.loads(exported.stdout)["sessions"]
    assert any(e["payload"].get("text") == GOAL for e in data["events"])
    found = run(home, "search", "talks", preexec=preexec)
    assert found.returncode == 0 and session in found.stdout, found.stderr
    summary = run(home, "summary", session, "-o", "-", preexec=preexec)
    assert summary.returncode == 0 and GOAL in summary.stdout, summary.stderr


def test_a_read_only_data_home_can_still_be_read_and_exported(home: Path) -> None:
    session = session_of(home)
    preexec = read_only(home)
    reading_works(home, session, preexec)
    text = clear_message(run(home, "run", "goal-clarification", "--plain", input="\n",
                             preexec=preexec))
    assert "read-only" in text and STILL_WORKS in text


def test_a_full_disk_can_still_be_read_and_exported(home: Path) -> None:
    session = session_of(home)
    reading_works(home, session, disk_full)
    text = clear_message(run(home, "run", "goal-clarification", "--plain", input="\n",
                             preexec=disk_full))
    assert "full" in text and STILL_WORKS in text


def test_a_foreign_sqlite_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    photos = home / "reflect.db"
    with sqlite3.connect(photos) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
        conn.execute("INSERT INTO photos (path) VALUES ('holiday.jpg')")
    conn.close()
    before = hashlib.sha256(photos.read_bytes()).hexdigest()
    for command in ("sessions", "export", "run"):
        args = (command, "goal-clarification", "--plain") if command == "run" else (command,)
        text = clear_message(run(home, *args, input="\n"))
        assert "not one of Reflect's" in text and "nothing was changed" in text
    assert hashlib.sha256(photos.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in home.iterdir()) == ["reflect.db"]  # no -wal, no -shm
    with sqlite3.connect(photos) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
