"""`reflect lock`, `unlock`, `passphrase`, `lock --off` (issue 20), as a person uses them.

Real `reflect` subprocesses on real data homes; a real pseudo-terminal where the
passphrase is typed; real SQLCipher files read byte by byte. Each test gets its own
runtime folder for the unlock agent and stops any agent it started.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.plain_driver import ROOT, PlainDriver, reflect_cmd

PASSPHRASE = "walnut harbour lantern"
ANSWER = "Quillfeather the heron counts pebbles before June"
MARK = b"Quillfeather"


@pytest.fixture
def env(data_home: Path, monkeypatch: pytest.MonkeyPatch):
    """The environment of the test's `reflect` runs: its data home and its own (short:
    a socket path is at most ~100 bytes) runtime folder for the unlock agent."""
    runtime = Path(tempfile.mkdtemp(prefix="rl", dir="/tmp"))
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    environ = {k: v for k, v in os.environ.items() if k != "REFLECT_DEBUG"}
    yield {**environ, "REFLECT_HOME": str(data_home), "XDG_RUNTIME_DIR": str(runtime)}
    from assistant.store import agent as lock_agent

    lock_agent.stop(data_home / "reflect.db")
    shutil.rmtree(runtime, ignore_errors=True)


def reflect(env: dict, *args: str, input: str = "", timeout: float = 60
            ) -> subprocess.CompletedProcess:
    # A session of its own: no controlling terminal, so nothing can prompt on one.
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env, start_new_session=True)


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
    return done.stdout


def one_clear_message(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("reflect: "), done.stderr
    return done.stderr


def files_of(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def answer_goal(env: dict, wish: str = ANSWER) -> None:
    """A session with one answer, written by the real store (a dialogue's first answer,
    without starting one: the dialogue itself is the first test's)."""
    from assistant.store import Store
    from assistant.store import lock as locking

    home = Path(env["REFLECT_HOME"])
    if locking.is_locked(home / "reflect.db"):
        locking.remember(home / "reflect.db",
                         locking.unlock_with(home / "reflect.db", PASSPHRASE))
    try:
        with Store.open(home) as store:
            sid = store.create_session("goal-clarification", "en", title="Goal")
            store.append_event(sid, "answered", {"step": "wish", "text": wish})
    finally:
        locking.forget(home / "reflect.db")


def lock(env: dict, passphrase: str = PASSPHRASE) -> None:
    assert "Locked: " in ok(reflect(env, "lock", input=passphrase + "\n"))


def unlock(env: dict, passphrase: str = PASSPHRASE) -> None:
    assert "Unlocked " in ok(reflect(env, "unlock", input=passphrase + "\n"))


def exported(env: dict) -> dict:
    return json.loads(ok(reflect(env, "export", "-o", "-")))


# --------------------------------------------------------------------------- must show


def test_a_locked_answer_is_in_no_file_and_found_after_unlock(env, data_home: Path) -> None:
    lock(env)
    unlock(env)
    # Answered while the data home is locked; checked while the dialogue still runs
    # (its write-ahead log holds the answer then) and after it has ended.
    driver = PlainDriver("run", "goal-clarification", "--plain", env=env)
    try:
        driver.read_prompt()
        driver.send("")
        driver.read_prompt()
        driver.send("2")
        driver.read_prompt()
        driver.send(ANSWER)
        driver.send("")
        driver.read_prompt()  # the answer is committed before this prompt shows
        live = files_of(data_home)
        assert data_home / "reflect.db-wal" in live
        assert not [p for p, data in live.items() if MARK in data]
        driver.send(":pause")
        assert driver.close() == 0, driver.output
    finally:
        if driver.proc.poll() is None:
            driver.kill()
    after = files_of(data_home)
    assert not [p for p, data in after.items() if MARK in data or MARK.lower() in data]
    db = after[data_home / "reflect.db"]
    assert not db.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):  # plain SQLite cannot read it
        sqlite3.connect(data_home / "reflect.db").execute("SELECT * FROM sqlite_master")

    found = ok(reflect(env, "search", "quillfeather"))
    assert "«Quillfeather»" in found
    assert ok(reflect(env, "sessions")).splitlines()[-1].endswith(": locked")

    assert "Locked again" in ok(reflect(env, "lock"))  # the key is forgotten at once
    refused = one_clear_message(reflect(env, "search", "quillfeather"))
    assert "is locked" in refused and "reflect unlock" in refused


def test_sessions_says_locked_or_not_locked(env, data_home: Path) -> None:
    answer_goal(env)
    assert ok(reflect(env, "sessions")).splitlines()[-1] == (
        f"Data home {data_home}: not locked")
    lock(env)
    unlock(env)
    listed = ok(reflect(env, "sessions")).splitlines()
    assert listed[-1] == f"Data home {data_home}: locked"
    assert listed[0].startswith("SESSION") and "goal-clarification" in listed[1]


def test_the_key_and_passphrase_are_written_nowhere(env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    unlock(env)
    ok(reflect(env, "sessions"))
    answer_goal(env, "A second answer while unlocked")
    from assistant.store import lock as locking

    key = locking.derive(PASSPHRASE, locking.salt_of(data_home / "reflect.db"))
    secrets = (PASSPHRASE.encode(), key, key.hex().encode(), key.hex().upper().encode())
    for place in (data_home, Path(env["XDG_RUNTIME_DIR"])):
        for path, data in files_of(place).items():
            assert not any(secret in data for secret in secrets), path


def test_a_locked_file_opens_in_sqlciphers_own_tools_with_the_passphrase(env,
                                                                       data_home: Path
                                                                       ) -> None:
    answer_goal(env)
    lock(env)
    import sqlcipher3

    conn = sqlcipher3.connect(str(data_home / "reflect.db"))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    ((text,),) = conn.execute(
        "SELECT text FROM answers_fts WHERE answers_fts MATCH 'quillfeather'").fetchall()
    assert text == ANSWER
    conn.close()


# --------------------------------------------------------------------------- passphrases


def test_a_wrong_passphrase_from_a_script_changes_nothing(env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    before = files_of(data_home)
    for command in ("unlock", "passphrase", "lock --off"):
        said = one_clear_message(reflect(env, *command.split(), input="walnut harbor lantern\n"))
        assert "wrong passphrase" in said and "nothing was changed" in said
    assert files_of(data_home) == before
    refused = one_clear_message(reflect(env, "export", "-o", "-"))
    assert "reflect unlock" in refused


class Terminal:
    """`reflect` on a real pseudo-terminal (its controlling terminal), as typed into."""

    def __init__(self, env: dict, *args: str) -> None:
        import fcntl
        import termios

        self.master, slave = os.openpty()

        def own_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(reflect_cmd(*args), stdin=slave, stdout=slave,
                                     stderr=slave, cwd=ROOT, env={**env, "TERM": "dumb"},
                                     preexec_fn=own_terminal)
        os.close(slave)
        self.output = ""
        self.seen = 0  # what `read_until` has matched so far

    def read_until(self, text: str, timeout: float = 30) -> str:
        import select

        deadline = time.monotonic() + timeout
        while text not in self.output[self.seen:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {text!r} in {self.output!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the other side closed
                    chunk = b""
                if not chunk:
                    raise EOFError(f"ended before {text!r}: {self.output!r}")
                self.output += chunk.decode("utf-8", "replace")
        self.seen = self.output.index(text, self.seen) + len(text)
        return self.output

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def wait(self) -> int:
        code = self.proc.wait(30)
        try:
            while chunk := os.read(self.master, 4096):
                self.output += chunk.decode("utf-8", "replace")
        except OSError:
            pass
        os.close(self.master)
        return code


def test_three_wrong_passphrases_typed_in_a_terminal_end_with_nothing_changed(
        env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    before = files_of(data_home)
    term = Terminal(env, "unlock")
    for attempt, typed in enumerate(("walnut", "harbour lantern walnut", "Walnut harbour lantern")):
        term.read_until("Passphrase for")
        term.type(typed)
        if attempt < 2:
            term.read_until(f"Try again ({attempt + 2} of 3)")
    assert term.wait() == 1
    assert "wrong passphrase 3 times" in term.output and "nothing was changed" in term.output
    assert "walnut" not in term.output.lower()  # typed without echo
    assert "Traceback" not in term.output
    assert files_of(data_home) == before
    from assistant.store import agent as lock_agent

    assert not lock_agent.running(data_home / "reflect.db")


def test_the_right_passphrase_on_the_second_try_unlocks(env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    term = Terminal(env, "unlock")
    term.read_until("Passphrase for")
    term.type("not it at all")
    term.read_until("Try again (2 of 3)")
    term.read_until("Passphrase for")
    term.type(PASSPHRASE)
    assert term.wait() == 0, term.output
    assert PASSPHRASE not in term.output  # typed without echo
    assert "Quillfeather" in ok(reflect(env, "search", "quillfeather"))


def test_a_command_in_a_terminal_asks_for_the_passphrase_itself(env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    term = Terminal(env, "search", "quillfeather")
    term.read_until("Passphrase for")
    term.type(PASSPHRASE)
    assert term.wait() == 0, term.output
    assert "«Quillfeather»" in term.output
    from assistant.store import agent as lock_agent

    assert not lock_agent.running(data_home / "reflect.db")  # for that command only


def test_a_new_passphrase_must_be_typed_twice_the_same(env, data_home: Path) -> None:
    answer_goal(env)
    term = Terminal(env, "lock")
    term.read_until("New passphrase:")
    term.type("short")
    term.read_until("at least 8 characters")
    term.read_until("New passphrase:")
    term.type(PASSPHRASE)
    term.read_until("The same again:")
    term.type(PASSPHRASE + "s")
    term.read_until("did not match")
    term.read_until("New passphrase:")
    term.type(PASSPHRASE)
    term.read_until("The same again:")
    term.type(PASSPHRASE)
    assert term.wait() == 0, term.output
    assert "Locked: " in term.output
    unlock(env)


def test_passphrase_changes_it_and_the_old_one_opens_nothing(env, data_home: Path) -> None:
    answer_goal(env)
    lock(env)
    unlock(env)
    ok(reflect(env, "passphrase", input=f"{PASSPHRASE}\nfour quiet otters swim\n"))
    assert "«Quillfeather»" in ok(reflect(env, "search", "quillfeather"))  # still unlocked
    ok(reflect(env, "lock"))
    one_clear_message(reflect(env, "unlock", input=PASSPHRASE + "\n"))
    unlock(env, "four quiet otters swim")
    assert "«Quillfeather»" in ok(reflect(env, "search", "quillfeather"))


def test_lock_off_gives_back_the_same_plain_database(env, data_home: Path) -> None:
    answer_goal(env)
    plain = exported(env)
    lock(env)
    unlock(env)
    assert exported(env) == plain
    said = ok(reflect(env, "lock", "--off", input=PASSPHRASE + "\n"))
    assert "Not locked any more" in said
    assert (data_home / "reflect.db").read_bytes().startswith(b"SQLite format 3\x00")
    assert exported(env) == plain
    assert ok(reflect(env, "sessions")).splitlines()[-1].endswith(": not locked")
    from assistant.store import agent as lock_agent

    assert not lock_agent.running(data_home / "reflect.db")


def test_export_and_delete_work_the_same_when_unlocked(env, data_home: Path) -> None:
    answer_goal(env, "Keep this answer about Marigold")
    answer_goal(env)
    before = exported(env)
    lock(env)
    unlock(env)
    assert exported(env) == before
    target = next(s["id"] for s in before["sessions"]
                  if any("Quillfeather" in json.dumps(e) for e in s["events"]))
    said = ok(reflect(env, "delete", target, "--yes"))
    assert target in said
    left = exported(env)["sessions"]
    assert [s["id"] for s in left] == [s["id"] for s in before["sessions"] if s["id"] != target]
    assert "Quillfeather" not in ok(reflect(env, "search", "quillfeather"))
    assert "Marigold" in ok(reflect(env, "search", "marigold"))


def test_lock_refuses_while_another_reflect_has_the_data_home_open(env, data_home: Path
                                                                   ) -> None:
    answer_goal(env)
    driver = PlainDriver("resume", "--plain", env=env)
    try:
        driver.read_prompt()
        said = one_clear_message(reflect(env, "lock", input=PASSPHRASE + "\n"))
        assert "Another Reflect has the data home" in said and "nothing was" in said
        assert (data_home / "reflect.db").read_bytes().startswith(b"SQLite format 3\x00")
        assert not (data_home / "reflect.db.new").exists()
        driver.send(":pause")
        assert driver.close() == 0
    finally:
        if driver.proc.poll() is None:
            driver.kill()
    lock(env)


def test_without_sqlcipher_the_commands_say_how_to_install_it(env, data_home: Path) -> None:
    # The binding hidden from this interpreter, as on an install without the extra.
    blocked = ("import sys; sys.modules['sqlcipher3'] = None; "
               "from assistant.cli.main import main; sys.exit(main())")

    def run(*args: str, input: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", blocked, *args], input=input,
                              capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
                              start_new_session=True)

    answer_goal(env)
    said = one_clear_message(run("lock", input=PASSPHRASE + "\n"))
    assert "pip install 'mentor-reflect[lock]'" in said and "nothing was changed" in said
    assert (data_home / "reflect.db").read_bytes().startswith(b"SQLite format 3\x00")
    lock(env)
    for args in (("sessions",), ("unlock",), ("lock", "--off")):
        said = one_clear_message(run(*args, input=PASSPHRASE + "\n"))
        assert "pip install 'mentor-reflect[lock]'" in said, args


# --------------------------------------------------------------------------- crash safety

SESSIONS = 100


@pytest.fixture(scope="module")
def hundred(tmp_path_factory) -> dict[str, Path]:
    """A data home of 100 sessions, plain and locked, made once and copied per test."""
    from assistant.store import Store, generate_history
    from assistant.store import lock as locking

    plain = tmp_path_factory.mktemp("plain")
    with Store.open(plain) as store:
        generate_history(store, sessions=SESSIONS, answers=12, seed=20)
    locked = tmp_path_factory.mktemp("locked")
    shutil.copy(plain / "reflect.db", locked / "reflect.db")
    salt = locking.new_salt()
    locking.migrate(locked / "reflect.db", None, locking.derive(PASSPHRASE, salt), salt)
    return {"plain": plain, "locked": locked}


def contents(home: Path) -> dict:
    """Everything in the data home, read through the store (with the key when locked)."""
    from assistant.store import Store
    from assistant.store import lock as locking

    db = home / "reflect.db"
    if locking.is_locked(db):
        locking.remember(db, locking.unlock_with(db, PASSPHRASE))
    try:
        with Store.open(home, read_only=True) as store:
            found = store.search("goal", limit=1000)
            return {"export": store.export_all(), "found": len(found),
                    "locked": store.locked}
    finally:
        locking.forget(db)


def stopped(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] == "T"


def start_migration(env: dict, direction: str, **extra: str) -> subprocess.Popen:
    proc = subprocess.Popen(reflect_cmd(*direction.split()), stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env={**env, **extra}, start_new_session=True)
    proc.stdin.write(f"{PASSPHRASE}\n".encode())
    proc.stdin.close()
    return proc


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def finish_and_check(env: dict, data_home: Path, direction: str, before: dict) -> None:
    """The person simply runs the command again: it finishes, nothing is lost."""
    ok(reflect(env, *direction.split(), input=f"{PASSPHRASE}\n"))
    assert not (data_home / "reflect.db.new").exists()
    final = contents(data_home)
    assert final["export"] == before["export"]
    assert final["locked"] is (direction == "lock")


@pytest.mark.parametrize("direction", ["lock", "lock --off"])
@pytest.mark.parametrize("point", ["exclusive", "exported", "copied", "replaced"])
def test_sigkill_mid_migration_leaves_the_old_or_the_new_database_complete(
        env, data_home: Path, hundred, direction: str, point: str) -> None:
    start = "plain" if direction == "lock" else "locked"
    shutil.copy(hundred[start] / "reflect.db", data_home / "reflect.db")
    before = contents(data_home)
    assert len(before["export"]["sessions"]) == SESSIONS and before["found"] > 0
    proc = start_migration(env, direction, REFLECT_TEST_STOP_AT=point)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not stopped(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    assert proc.poll() is None, "the migration ended before it could be killed"
    kill(proc)

    after = contents(data_home)
    assert after["export"] == before["export"] and after["found"] == before["found"]
    assert (after["locked"] != before["locked"]) is (point == "replaced")
    finish_and_check(env, data_home, direction, before)


@pytest.mark.parametrize("direction", ["lock", "lock --off"])
def test_sigkill_at_any_moment_of_a_migration_loses_nothing(env, data_home: Path, hundred,
                                                            direction: str) -> None:
    """Killed without warning at moments spread over a whole run (whatever it was
    doing then, the copy inside SQLCipher included): the old or the new database."""
    start = "plain" if direction == "lock" else "locked"
    shutil.copy(hundred[start] / "reflect.db", data_home / "reflect.db")
    before = contents(data_home)
    began = time.monotonic()
    ok(reflect(env, *direction.split(), input=f"{PASSPHRASE}\n"))
    whole = time.monotonic() - began
    for fraction in (0.3, 0.6, 0.9):
        shutil.copy(hundred[start] / "reflect.db", data_home / "reflect.db")
        proc = start_migration(env, direction)
        try:
            proc.wait(whole * fraction)
        except subprocess.TimeoutExpired:
            kill(proc)
        after = contents(data_home)
        assert after["export"] == before["export"], fraction
        finish_and_check(env, data_home, direction, before)


def test_hundred_sessions_lock_and_unlock_keep_every_row(env, data_home: Path, hundred
                                                         ) -> None:
    shutil.copy(hundred["plain"] / "reflect.db", data_home / "reflect.db")
    digest = hashlib.sha256(json.dumps(contents(data_home)["export"]).encode()).hexdigest()
    lock(env)
    assert contents(data_home)["locked"]
    ok(reflect(env, "lock", "--off", input=PASSPHRASE + "\n"))
    again = contents(data_home)
    assert not again["locked"]
    assert hashlib.sha256(json.dumps(again["export"]).encode()).hexdigest() == digest


# --------------------------------------------------------------------------- the app


@pytest.mark.parametrize("locked", [True, False])
async def test_the_home_screen_header_says_locked_or_not_locked(data_home: Path,
                                                                locked: bool) -> None:
    from textual.widgets import Header

    from assistant.services.library import Library
    from assistant.store import Store
    from assistant.store import lock as locking
    from assistant.tui.app import make_app

    db = data_home / "reflect.db"
    Store.open(data_home).close()
    if locked:
        salt = locking.new_salt()
        key = locking.derive(PASSPHRASE, salt)
        locking.migrate(db, None, key, salt)
        locking.remember(db, key)
    try:
        with Store.open(data_home) as store:
            app = make_app(store, Library(), export_dir=data_home)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert app.screen.sub_title == ("locked" if locked else "not locked")
                title = app.screen.query_one(Header).query_one("HeaderTitle")
                shown = str(title.render())
                assert ("not locked" in shown) is not locked and "locked" in shown
    finally:
        locking.forget(db)


def test_a_full_disk_during_lock_leaves_the_database_as_it_was(env, data_home: Path,
                                                               hundred) -> None:
    import resource

    shutil.copy(hundred["plain"] / "reflect.db", data_home / "reflect.db")
    before = contents(data_home)
    room = (data_home / "reflect.db").stat().st_size // 2  # half a copy fits

    def disk_full() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    done = subprocess.run(reflect_cmd("lock"), input=PASSPHRASE + "\n", text=True,
                          capture_output=True, timeout=60, cwd=ROOT, env=env,
                          preexec_fn=disk_full)
    said = one_clear_message(done)
    assert "nothing was changed" in said and "Free some space" in said
    assert not (data_home / "reflect.db.new").exists()
    after = contents(data_home)
    assert after["export"] == before["export"] and not after["locked"]
