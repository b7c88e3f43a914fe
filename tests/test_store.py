"""The store: real SQLite files in a temporary data home, and real processes racing on them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import store as store_module
from assistant.store import (
    MIGRATIONS,
    AmbiguousSession,
    Event,
    SessionNotFound,
    Store,
    StoreError,
    generate_history,
)

REPO = Path(__file__).resolve().parents[1]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(data_home: Path) -> Iterator[Store]:
    with Store.open(data_home) as opened:
        yield opened


def fixed_ids(monkeypatch: pytest.MonkeyPatch, *ids: str) -> None:
    """Make create_session hand out these ids, in order."""
    queue = list(ids)
    monkeypatch.setattr("secrets.token_hex", lambda n: queue.pop(0))


# --------------------------------------------------------------------------- data home


def test_data_home_order_explicit_then_env(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REFLECT_HOME", str(tmp_path / "from-env"))
    assert store_module.data_home(tmp_path / "explicit") == tmp_path / "explicit"
    assert store_module.data_home() == tmp_path / "from-env"


def test_data_home_falls_back_to_platform_folder(tmp_path: Path, monkeypatch) -> None:
    import platformdirs

    monkeypatch.delenv("REFLECT_HOME", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name: str(tmp_path / "p" / name))
    assert store_module.data_home() == tmp_path / "p" / "reflect"


def test_new_data_home_is_0700_and_database_0600(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # a typical, permissive umask must not leak into our files
    try:
        home = tmp_path / "nested" / "home"
        with Store.open(home) as s:
            sid = s.create_session("goal-clarification", "en")
            s.append_event(sid, "answered", {"step": "goal", "text": "private"})
            assert mode(home) == 0o700
            assert mode(home / "reflect.db") == 0o600
            for side in ("reflect.db-wal", "reflect.db-shm"):
                if (home / side).exists():
                    assert mode(home / side) & 0o077 == 0
    finally:
        os.umask(old_umask)


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(0o750)
    store_module.data_home(home)
    assert mode(home) == 0o750


def test_data_home_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "oops"
    target.write_text("")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        store_module.data_home(target)


# --------------------------------------------------------------------------- migrations


def test_migrations_are_recorded_by_name_and_not_reapplied(data_home: Path) -> None:
    names = [name for name, _ in MIGRATIONS]
    with Store.open(data_home) as s:
        assert s.applied_migrations() == names
    db = sqlite3.connect(data_home / "reflect.db")
    first = db.execute("SELECT name, applied_at FROM _migrations ORDER BY rowid").fetchall()
    db.close()
    with Store.open(data_home) as s:
        assert s.applied_migrations() == names
    db = sqlite3.connect(data_home / "reflect.db")
    assert db.execute("SELECT name, applied_at FROM _migrations ORDER BY rowid").fetchall() == first
    db.close()


def test_a_new_migration_applies_once_on_an_existing_database(data_home: Path) -> None:
    calls: list[str] = []

    def add_column(conn: sqlite3.Connection) -> None:
        calls.append("run")
        conn.execute("ALTER TABLE sessions ADD COLUMN colour TEXT")

    path = data_home / "reflect.db"
    Store(path).close()
    extended = [*MIGRATIONS, ("0099_colour", add_column)]
    Store(path, migrations=extended).close()
    Store(path, migrations=extended).close()
    assert calls == ["run"]


def test_a_failing_migration_leaves_nothing_half_done(data_home: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("boom")

    path = data_home / "reflect.db"
    with pytest.raises(StoreError):
        Store(path, migrations=[*MIGRATIONS, ("0099_broken", broken)])
    with Store(path) as s:
        assert "0099_broken" not in s.applied_migrations()
        tables = {r[0] for r in s._conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables


def test_newer_schema_asks_for_an_upgrade(data_home: Path) -> None:
    path = data_home / "reflect.db"
    Store(path, migrations=[*MIGRATIONS, ("0099_from_the_future", "SELECT 1;")]).close()
    with pytest.raises(StoreError, match="newer version of Reflect.*Upgrade"):
        Store(path)


# --------------------------------------------------------------------------- bad files


def test_a_file_that_is_not_sqlite_gives_a_clear_message(data_home: Path) -> None:
    path = data_home / "reflect.db"
    path.write_bytes(b"this is my diary, not a database\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store.open(data_home)
    message = str(caught.value)
    assert str(path) in message and "Move it aside" in message
    assert not isinstance(caught.value, sqlite3.Error)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_damaged_database_gives_a_clear_message(data_home: Path) -> None:
    with Store.open(data_home) as s:
        s.create_session("goal-clarification", "en")
    path = data_home / "reflect.db"
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="not a Reflect database or is damaged"):
        with Store.open(data_home) as s:
            s.sessions()


def test_someone_elses_sqlite_file_is_refused(data_home: Path) -> None:
    path = data_home / "reflect.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(StoreError, match="not one of Reflect's"):
        Store.open(data_home)
    other = sqlite3.connect(path)
    assert other.execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]
    other.close()


# --------------------------------------------------------------------------- sessions and events


def test_ids_are_short_lowercase_hex_and_unique(store: Store) -> None:
    ids = {store.create_session("goal-clarification", "en") for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) == 8 and set(i) <= set("0123456789abcdef") for i in ids)


def test_an_id_collision_draws_again(store: Store, monkeypatch) -> None:
    fixed_ids(monkeypatch, "aaaa0001", "aaaa0001", "bbbb0002")
    assert store.create_session("s", "en") == "aaaa0001"
    assert store.create_session("s", "en") == "bbbb0002"


def test_events_round_trip_in_order(store: Store) -> None:
    sid = store.create_session("goal-clarification", "de", title="Ziel", at=100.0)
    payloads = [
        {"step": "goal", "text": "Präsentation üben {{ 7*7 }} {% if %}"},
        {"step": "why", "text": "", "value": [1, 2, {"nested": None}]},
        {"step": "goal", "text": "edited", "previous": "old"},
    ]
    kinds = ["answered", "skipped", "edited"]
    returned = [
        store.append_event(sid, k, p, at=101.0 + i)
        for i, (k, p) in enumerate(zip(kinds, payloads, strict=True))
    ]
    assert [e.seq for e in returned] == [1, 2, 3]
    assert store.events(sid) == returned
    assert store.events(sid)[0] == Event(sid, 1, "answered", payloads[0], 101.0)
    info = store.session(sid)
    assert info.updated == 103.0 and info.created == 100.0 and info.answered == 1


def test_append_is_committed_before_it_returns(store: Store, data_home: Path) -> None:
    sid = store.create_session("goal-clarification", "en")
    store.append_event(sid, "answered", {"step": "goal", "text": "x"})
    other = sqlite3.connect(data_home / "reflect.db")
    assert other.execute("SELECT count(*) FROM events").fetchone() == (1,)
    other.close()


def test_writes_reach_the_database_file_only_at_a_checkpoint(data_home: Path,
                                                                 monkeypatch) -> None:
    """SQLite's automatic checkpoint (inside some commit, i.e. inside a turn) is off:
    writes stay in the write-ahead log until a front end calls `checkpoint()` at a
    pause, or `CHECKPOINT_EVERY` writes have gone by without one."""
    monkeypatch.setattr(store_module, "CHECKPOINT_EVERY", 4)
    db = data_home / store_module.DB_NAME
    with Store.open(data_home) as opened:
        sid = opened.create_session("goal-clarification", "en")
        opened.checkpoint()
        before = _digest(db)
        opened.append_event(sid, "answered", {"step": "wish", "text": "a first answer"})
        opened.append_event(sid, "answered", {"step": "why", "text": "a second answer"})
        assert _digest(db) == before  # in the log, committed, not yet copied
        assert [e.seq for e in opened.events(sid)] == [1, 2]
        opened.checkpoint()
        after = _digest(db)
        assert after != before
        for i in range(3):
            opened.append_event(sid, "answered", {"step": "x", "text": f"answer {i}"})
        assert _digest(db) == after
        opened.append_event(sid, "answered", {"step": "x", "text": "the fourth write"})
        assert _digest(db) != after  # the store checkpointed within that write


def test_unknown_session_names_the_id_and_the_fix(store: Store) -> None:
    with pytest.raises(SessionNotFound, match=r"'deadbeef'.*reflect sessions"):
        store.append_event("deadbeef", "answered", {"text": "lost?"})
    assert store.sessions() == []


def test_prefix_lookup_and_ambiguity(store: Store, monkeypatch) -> None:
    fixed_ids(monkeypatch, "abcd1234", "abcd9999", "f00d0000")
    store.create_session("a", "en")
    store.create_session("b", "en")
    store.create_session("c", "en")
    assert store.session("f00d").id == "f00d0000"
    assert store.session("ABCD12").id == "abcd1234"
    assert store.session("abcd9999").script == "b"
    with pytest.raises(AmbiguousSession, match="abcd1234, abcd9999"):
        store.session("abcd")
    with pytest.raises(SessionNotFound):
        store.session("f00")  # too short to be a prefix
    with pytest.raises(SessionNotFound):
        store.session("0000")
    store.append_event("f00d", "answered", {"text": "via prefix"})
    assert store.events("f00d0000")[0].session_id == "f00d0000"


def test_sessions_filter_order_and_limit(store: Store) -> None:
    a = store.create_session("goal-clarification", "en", at=10.0)
    b = store.create_session("active-listening", "en", at=20.0)
    c = store.create_session("goal-clarification", "da", at=30.0)
    store.append_event(a, "answered", {"step": "goal", "text": "newest now"}, at=40.0)
    store.set_status(b, "finished")
    assert [s.id for s in store.sessions()] == [b, a, c]  # set_status touches `updated`
    assert [s.id for s in store.sessions(script="goal-clarification")] == [a, c]
    assert [s.id for s in store.sessions(status="finished")] == [b]
    assert [s.id for s in store.sessions(status="in_progress", limit=1)] == [a]
    assert store.session(a).answered == 1


def test_status_and_meta(store: Store) -> None:
    sid = store.create_session("evaluation-reflection", "en", mode="pair", meta={"code": "K7"})
    store.set_meta(sid, partner="Ben", roles={"a": "mentor"})
    store.set_meta(sid, partner="Ana")
    info = store.session(sid)
    assert info.meta == {"code": "K7", "partner": "Ana", "roles": {"a": "mentor"}}
    assert info.mode == "pair" and info.status == "in_progress"
    store.set_status(sid, "finished")
    assert store.session(sid).status == "finished"
    with pytest.raises(ValueError):
        store.set_status(sid, "abandoned")


def test_threads_share_one_store(store: Store) -> None:
    sid = store.create_session("goal-clarification", "en")

    def work(n: int) -> None:
        for i in range(25):
            store.append_event(sid, "answered", {"step": f"t{n}", "text": f"thread {n} {i}"})

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [e.seq for e in store.events(sid)] == list(range(1, 101))


def test_memory_store_for_fast_tests() -> None:
    with Store(":memory:") as s:
        sid = s.create_session("x", "en")
        s.append_event(sid, "answered", {"step": "a", "text": "in memory"})
        assert s.search("memory")[0][1] == "a"


# --------------------------------------------------------------------------- search, delete, export


def test_search_finds_words_and_forgets_deleted_sessions(store: Store) -> None:
    a = store.create_session("goal-clarification", "en", title="Talk")
    b = store.create_session("goal-clarification", "de")
    store.append_event(a, "answered", {"step": "goal", "text": "Give a talk at the team meeting"})
    store.append_event(a, "probe_answered", {"step": "goal", "text": "by Friday, honestly"})
    store.append_event(a, "skipped", {"step": "why", "text": "meeting skipped not indexed"})
    store.append_event(b, "answered", {"step": "ziel", "text": "Präsentation im Team üben"})

    hits = store.search("meeting")
    assert [(info.id, step) for info, step, _ in hits] == [(a, "goal")]
    assert "«meeting»" in hits[0][2] and hits[0][0].title == "Talk"
    assert {info.id for info, _, _ in store.search("team")} == {a, b}
    assert [i.id for i, _, _ in store.search("praesentation praes")] == []
    assert [i.id for i, _, _ in store.search("prasentation")] == [b]  # accents folded
    assert [i.id for i, _, _ in store.search("hon")] == [a]  # last word as a prefix
    assert [i.id for i, _, _ in store.search("TEAM talk")] == [a]  # all words must match
    assert store.search("   ") == [] and store.search("?!") == []

    store.delete_session(a)
    assert [i.id for i, _, _ in store.search("team")] == [b]
    assert store.search("meeting") == []
    with pytest.raises(SessionNotFound):
        store.events(a)
    assert store._conn.execute("SELECT count(*) FROM answers_fts").fetchone() == (1,)


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "NEAR(a b)", "text:foo", "a*b", "{{ 7*7 }}", "-x ^y"]
)
def test_search_text_is_never_query_syntax(store: Store, query: str) -> None:
    sid = store.create_session("s", "en")
    store.append_event(sid, "answered", {"step": "q", "text": f"I literally wrote {query}"})
    store.search(query)  # must not raise
    assert [i.id for i, _, _ in store.search("literally " + query)] in ([sid], [])


def test_export_all_is_json_with_everything(store: Store) -> None:
    sid = store.create_session("goal-clarification", "en", title="T", meta={"k": 1}, at=5.0)
    store.append_event(sid, "answered", {"step": "goal", "text": "ship it"}, at=6.0)
    data = json.loads(json.dumps(store.export_all()))
    assert data["version"] == 1
    (session,) = data["sessions"]
    assert session["id"] == sid and session["meta"] == {"k": 1} and session["answered"] == 1
    assert session["events"] == [
        {"seq": 1, "kind": "answered", "payload": {"step": "goal", "text": "ship it"}, "at": 6.0}
    ]


def test_generate_history_small(store: Store) -> None:
    ids = generate_history(store, sessions=20, answers=5, seed=1)
    assert len(set(ids)) == 20
    assert len(store.sessions()) == 20
    assert all(s.answered == 5 for s in store.sessions())
    assert [e.seq for e in store.events(ids[0])] == [1, 2, 3, 4, 5]
    assert store.search("goal") or store.search("feedback")
    with Store(":memory:") as other:
        assert generate_history(other, sessions=20, answers=5, seed=1) == ids
    # the generated rows line up with the live write path
    store.append_event(ids[0], "answered", {"step": "x", "text": "zebra"})
    assert store.events(ids[0])[-1].seq == 6
    assert [i.id for i, _, _ in store.search("zebra")] == [ids[0]]


# --------------------------------------------------------------------------- processes

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from assistant.store import Store

    home, go, count, label, shared = sys.argv[1:]
    with Store.open(home) as store:
        sid = shared or store.create_session("evaluation-reflection", "en", mode="pair")
        print(sid, flush=True)
        while not os.path.exists(go):
            time.sleep(0.002)
        for i in range(int(count)):
            store.append_event(sid, "answered", {"step": label, "i": i, "text": f"{label} {i}"})
            print(i, flush=True)
            time.sleep(0.0005)  # a breath between answers, so the two writers interleave
    """
)


def start_writer(
    home: Path, go: Path, count: int, label: str, shared: str = ""
) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), str(go), str(count), label, shared],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_two_processes_write_one_data_home_at_once(tmp_path: Path) -> None:
    home, go = tmp_path / "home", tmp_path / "go"  # fresh: both also race on creating it
    writers = [start_writer(home, go, 200, label) for label in ("mentor", "mentee")]
    sids = [w.stdout.readline().strip() for w in writers]
    go.touch()
    for w in writers:
        _, err = w.communicate(timeout=60)
        assert w.returncode == 0, err
    with Store.open(home) as s:
        for sid, label in zip(sids, ("mentor", "mentee"), strict=True):
            events = s.events(sid)
            assert [e.seq for e in events] == list(range(1, 201))
            assert [e.payload["i"] for e in events] == list(range(200))
            assert {e.payload["step"] for e in events} == {label}
        assert s.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_two_processes_append_to_one_shared_session(data_home: Path, tmp_path: Path) -> None:
    with Store.open(data_home) as s:
        sid = s.create_session("evaluation-reflection", "en", mode="pair")
    go = tmp_path / "go"
    writers = [start_writer(data_home, go, 150, label, sid) for label in ("a", "b")]
    for w in writers:
        w.stdout.readline()
    go.touch()
    for w in writers:
        _, err = w.communicate(timeout=60)
        assert w.returncode == 0, err
    with Store.open(data_home) as s:
        events = s.events(sid)
        assert [e.seq for e in events] == list(range(1, 301))
        for label in ("a", "b"):
            assert [e.payload["i"] for e in events if e.payload["step"] == label] == list(
                range(150)
            )
        assert s.session(sid).answered == 300


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_process_loses_nothing_it_confirmed(data_home: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    go.touch()
    writer = start_writer(data_home, go, 100_000, "k")
    sid = writer.stdout.readline().strip()
    confirmed = -1
    deadline = time.monotonic() + 10
    while confirmed < 30 and time.monotonic() < deadline:
        confirmed = int(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    with Store.open(data_home) as s:
        stored = [e.payload["i"] for e in s.events(sid)]
    assert confirmed >= 30
    assert stored[: confirmed + 1] == list(range(confirmed + 1))


def _digest(path) -> str:
    """A short stand-in for a file's bytes (assertion messages stay readable)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
