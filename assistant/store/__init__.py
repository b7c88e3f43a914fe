"""The store: every session and every event, in one SQLite file on the user's machine.

This is the only module of Reflect that touches SQLite (stdlib ``sqlite3``, no ORM).
Everything else talks to a :class:`Store`.

Design
------
* **Where.** :func:`data_home` picks the folder (``--data-dir``, else ``$REFLECT_HOME``,
  else ``platformdirs.user_data_dir("reflect")``) and creates it ``0700``;
  :meth:`Store.open` uses ``reflect.db`` inside it, created ``0600``. SQLite gives its
  ``-wal`` and ``-shm`` side files the same mode as the database. Existing folders and
  files keep their mode: we never loosen what a user has set.
* **What.** ``sessions`` holds one row per dialogue run (script, language, status,
  title, mode, a JSON ``meta`` object, a running count of answers). ``events`` is
  append-only: ``(session_id, seq)`` is the primary key and ``seq`` runs 1..n per session.
  A dialogue's state is a fold over its events, so the store never stores "state", only
  what happened. ``answers_fts`` is an FTS5 index over the text of ``answered`` and
  ``probe_answered`` events; its rowid is the event's rowid, so deleting a session's
  index rows is a primary-key lookup, not a scan.
* **Schema changes** are named migrations (in the style of sqlite-utils'
  ``migrations.py``): an ordered list of ``(name, SQL or function)``, each applied once in
  its own transaction and recorded in ``_migrations(name, applied_at)``. New migrations
  are appended, never edited. A database that has applied a migration this code does not
  know was written by a newer Reflect: we refuse to touch it and say so.
* **Durability and concurrency.** WAL mode, ``synchronous=FULL``, a busy timeout and
  ``BEGIN IMMEDIATE`` for every write (so a writer takes the lock up front instead of
  failing half-way on an upgrade), plus a short retry loop on ``database is locked``,
  all within :data:`LOCK_WAIT` (1.5 s): a lock held longer is a stuck program, and the
  write says so.
  Two processes (two terminals in pair mode) can append to one data home at once and
  neither loses an event. :meth:`Store.append_event` commits before it returns: once it
  has returned, neither a killed process nor a power cut can lose that event.
* **Checkpoints.** SQLite's automatic checkpoint (copying the write-ahead log into the
  database) runs inside whichever commit crosses its threshold: in the app, inside a
  turn. It is off; front ends call :meth:`Store.checkpoint` when the person is reading
  or typing (the TUI and plain mode after showing each turn, so each is small), and the
  store checkpoints within a write only after :data:`CHECKPOINT_EVERY` writes without
  one. Closing the last connection checkpoints too.
* **Read-only.** The commands that only read open the database with ``mode=ro`` (or,
  when SQLite cannot create its ``-shm`` file beside it and no write-ahead log holds
  changes, ``immutable=1``) and write nothing, so a read-only data home or a full disk
  still lets a person list, search, read and export their sessions. Every other open
  checks that the file is Reflect's before it writes anything (the switch to WAL too).
* **Threads.** The TUI calls the store from worker threads, so the connection is opened
  with ``check_same_thread=False`` and every public method holds one lock.
* **Errors.** Anything SQLite raises reaches callers as :class:`StoreError`, whose message
  says which file and what to do; a user never sees a ``sqlite3`` traceback.
* **Private pair answers.** In a pair evaluation each person answers privately; the
  other sees the answers only once both have finished (the reveal). The store is the one
  place that decides this, so no surface can forget it: :data:`PRIVATE_SESSIONS` selects
  the sessions still private (a pair member's session, ``mode = 'pair'`` and
  ``meta.part = 'member'``, while fewer than two members of its pair, ``meta.pair``, have
  finished). Search never finds their answers, :meth:`Store.export_all` lists them
  without their events, and :meth:`Store.events` refuses them with
  :class:`PrivateSession` unless the caller says it acts for the person themself
  (``owner=True``: their own dialogue, or the pair service counting progress).
* **Answers are data.** Payloads are stored as JSON text and only ever decoded with
  ``json.loads``; search text is quoted token by token before it reaches FTS5 ``MATCH``,
  so a user's words are never read as query syntax.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "ANSWER_KINDS",
    "AmbiguousSession",
    "DamagedEvent",
    "Event",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "MIGRATIONS",
    "PRIVATE_SESSIONS",
    "PrivateSession",
    "SessionInfo",
    "SessionNotFound",
    "Store",
    "StoreError",
    "data_home",
    "generate_history",
]

DB_NAME = "reflect.db"
STATUSES = ("in_progress", "finished")
#: Event kinds whose ``payload["text"]`` is indexed for search and counted as answered.
ANSWER_KINDS = ("answered", "probe_answered")
#: Marks around the matched words in a search snippet. Plain characters, not markup:
#: a front end replaces them with its own highlighting after escaping the answer text.
HIGHLIGHT_START = "«"
HIGHLIGHT_END = "»"
#: A prefix shorter than this must match an id exactly.
MIN_PREFIX = 4

#: Seconds a write waits in all for another process's write lock before it gives up with
#: a message. Reflect's own writes hold the lock for milliseconds, so only a stuck holder
#: (a `sqlite3` shell with an open transaction, a process stopped mid-write) lasts this long.
LOCK_WAIT = 1.5
_BUSY_TIMEOUT_MS = int(LOCK_WAIT * 1000)
#: How long a delete waits for another process's read to end before it empties the log.
_WIPE_WAIT_MS = 1000
_WRITE_ATTEMPTS = 6
_ID_ATTEMPTS = 20

T = TypeVar("T")


# --------------------------------------------------------------------------- errors


class StoreError(Exception):
    """A problem with the user's data; the message says what happened and how to fix it."""


class SessionNotFound(StoreError):
    """No session has this id (or unique id prefix)."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(
            f"No session with id {session_id!r}. Run `reflect sessions` to list the "
            "sessions in this data home (or check --data-dir / REFLECT_HOME)."
        )


class AmbiguousSession(StoreError):
    """An id prefix matches more than one session."""

    def __init__(self, prefix: str, candidates: list[str]) -> None:
        self.prefix = prefix
        self.candidates = candidates
        shown = ", ".join(candidates[:5]) + (", …" if len(candidates) > 5 else "")
        super().__init__(
            f"Session id {prefix!r} is ambiguous: it starts {len(candidates)} sessions "
            f"({shown}). Type more of the id; `reflect sessions` lists them."
        )


class PrivateSession(StoreError):
    """The session holds a pair member's answers, private until both have finished."""

    def __init__(self, session_id: str, code: str) -> None:
        self.session_id = session_id
        self.code = code
        super().__init__(
            f"Session {session_id} holds answers of the pair evaluation {code}: {PRIVATE_NOTE}. "
            f"`reflect pair show {code}` shows how far each person is."
        )


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Event:
    """One thing that happened in a session. ``seq`` runs 1..n within the session."""

    session_id: str
    seq: int
    kind: str
    payload: dict[str, Any]
    at: float


@dataclass(frozen=True)
class SessionInfo:
    """A session's row, without its events."""

    id: str
    script: str
    lang: str
    status: str  # "in_progress" | "finished"
    created: float
    updated: float
    title: str
    mode: str
    meta: dict[str, Any] = field(default_factory=dict)
    answered: int = 0  # number of answered / probe_answered events
    #: The stored ``meta`` text when it is not valid JSON (``meta`` is then empty).
    damaged_meta: str | None = None


_SESSION_COLUMNS = "id, script, lang, status, created, updated, title, mode, meta, answered"


def _session_from_row(row: tuple[Any, ...]) -> SessionInfo:
    meta, damaged = _decode_meta(row[8])
    return SessionInfo(
        id=row[0],
        script=row[1],
        lang=row[2],
        status=row[3],
        created=row[4],
        updated=row[5],
        title=row[6],
        mode=row[7],
        meta=meta,
        answered=row[9],
        damaged_meta=damaged,
    )


def _decode_meta(text: str | None) -> tuple[dict[str, Any], str | None]:
    """A session's ``meta`` and, if its stored text is damaged, that text.

    Damage (a disk error, an edit by hand) must not stop the history, the export or a
    summary: a damaged ``meta`` reads as empty, and the export keeps the raw text."""
    if text in ("{}", "", None):
        return {}, None
    try:
        meta = json.loads(text)
    except (ValueError, TypeError):
        return {}, str(text)
    return (meta, None) if isinstance(meta, dict) else ({}, str(text))


class DamagedEvent(StoreError):
    """An event's stored payload is not valid JSON any more."""

    def __init__(self, session_id: str, seq: int) -> None:
        self.session_id = session_id
        self.seq = seq
        super().__init__(
            f"The stored text of event {seq} of session {session_id} is damaged (not valid "
            "JSON), so the session cannot be shown or continued. `reflect export` still "
            "copies everything, that event as its raw text."
        )


def _decode_payload(session_id: str, seq: int, text: str) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except (ValueError, TypeError):
        raise DamagedEvent(session_id, seq) from None
    if not isinstance(payload, dict):
        raise DamagedEvent(session_id, seq)
    return payload


# --------------------------------------------------------------------------- data home


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds ``reflect.db``, created ``0700`` if it does not exist yet.

    ``explicit`` (``--data-dir``) wins, then ``$REFLECT_HOME``, then the platform's user
    data folder. A folder that already exists keeps its mode.
    """
    # An empty --data-dir is a mistake (an unset variable in `--data-dir "$DIR"`), not a
    # wish for the default: answers must never go somewhere the person did not name.
    env = os.environ.get("REFLECT_HOME", "")
    if explicit is not None and not str(explicit).strip():
        raise StoreError(
            "--data-dir was given an empty folder name. Name the folder Reflect should "
            "keep its data in, or leave --data-dir out to use REFLECT_HOME or the default."
        )
    if explicit is None and env and not env.strip():
        raise StoreError(
            "REFLECT_HOME is set but empty (only spaces). Set it to the folder Reflect "
            "should keep its data in, or unset it to use the default; or use --data-dir."
        )
    if explicit is not None:
        path = Path(explicit)
    elif env:
        path = Path(env)
    else:
        import platformdirs  # imported here: only needed when no folder was given

        path = Path(platformdirs.user_data_dir("reflect"))
    path = path.expanduser()
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:  # a name too long, a loop of links
        raise StoreError(
            f"The data home {path} cannot be used: {exc.strerror}. Choose another folder "
            "with --data-dir or REFLECT_HOME."
        ) from None
    if exists and not is_dir:
        raise StoreError(
            f"The data home {path} is a file, not a folder. Point --data-dir or "
            "REFLECT_HOME to a folder (it is created if missing)."
        )
    if not exists:
        try:
            path.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass  # another process made it first; it owns the mode
        except OSError as exc:
            raise StoreError(
                f"Cannot create the data home {path}: {exc.strerror}. Choose another "
                "folder with --data-dir or REFLECT_HOME."
            ) from None
        else:
            # mkdir's mode is filtered by the umask; say exactly what we mean.
            os.chmod(path, 0o700)
    return path


# --------------------------------------------------------------------------- privacy

#: Why a session's answers are withheld (said by errors and in the export).
PRIVATE_NOTE = "pair answers stay private until both people have finished"

#: The ids of the sessions whose answers nobody may see yet: a pair member's session
#: (mode 'pair', meta.part 'member') while fewer than both members of its pair have
#: finished, whether or not the second person has joined. Every query that shows
#: answers excludes these (see "Private pair answers" above). Finishing is final (no
#: event un-finishes a session), so once revealed, answers stay visible.
#: A pair session whose ``meta`` is damaged (not valid JSON; see `_META`) counts as
#: private: when in doubt, nothing is shown.
PRIVATE_SESSIONS = """
    SELECT m.id FROM sessions AS m
    WHERE m.mode = 'pair' AND (NOT json_valid(m.meta) OR (
      json_extract({m}, '$.part') = 'member'
      AND (SELECT count(*) FROM sessions AS o
           WHERE o.mode = 'pair' AND json_extract({o}, '$.part') = 'member'
             AND json_extract({o}, '$.pair') = json_extract({m}, '$.pair')
             AND o.status = 'finished') < 2))
"""

#: A table's ``meta`` for ``json_extract``: NULL when the text is damaged, where
#: ``json_extract`` itself would fail the whole query ("malformed JSON").
_META = "CASE WHEN json_valid({t}.meta) THEN {t}.meta END"
PRIVATE_SESSIONS = PRIVATE_SESSIONS.format(m=_META.format(t="m"), o=_META.format(t="o"))

#: The meta keys of a private session the export keeps: who and which pair, no content.
_PRIVATE_META = ("pair", "part", "name", "role")


# --------------------------------------------------------------------------- migrations


Migration = tuple[str, str | Callable[[sqlite3.Connection], None]]

#: Applied in order, once each, each in its own transaction. Append; never edit or reorder.
MIGRATIONS: list[Migration] = [
    (
        "0001_sessions",
        """
        CREATE TABLE sessions (
            id       TEXT PRIMARY KEY,
            script   TEXT NOT NULL,
            lang     TEXT NOT NULL,
            status   TEXT NOT NULL DEFAULT 'in_progress'
                     CHECK (status IN ('in_progress', 'finished')),
            created  REAL NOT NULL,
            updated  REAL NOT NULL,
            title    TEXT NOT NULL DEFAULT '',
            mode     TEXT NOT NULL DEFAULT 'solo',
            meta     TEXT NOT NULL DEFAULT '{}',
            answered INTEGER NOT NULL DEFAULT 0
        );
        -- history lists newest first, optionally for one script or one status
        CREATE INDEX sessions_updated ON sessions (updated);
        CREATE INDEX sessions_script_updated ON sessions (script, updated);
        CREATE INDEX sessions_status_updated ON sessions (status, updated);
        """,
    ),
    (
        "0002_events",
        # A rowid table on purpose: the search index shares its rowids.
        """
        CREATE TABLE events (
            session_id TEXT NOT NULL REFERENCES sessions (id),
            seq        INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            payload    TEXT NOT NULL,
            at         REAL NOT NULL,
            PRIMARY KEY (session_id, seq)
        );
        """,
    ),
    (
        "0003_answer_search",
        # rowid = events.rowid. remove_diacritics folds é/ü/å so German and Danish
        # answers are found without typing the accents. The 3-character prefix index
        # keeps search-as-you-type fast: short prefixes match the most words.
        """
        CREATE VIRTUAL TABLE answers_fts USING fts5 (
            text,
            session_id UNINDEXED,
            step UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '3'
        );
        """,
    ),
]


def _sql_statements(script: str) -> Iterator[str]:
    """Split a migration's SQL into statements (``executescript`` would commit early)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _connect(target: str, db: str, **kwargs: Any) -> sqlite3.Connection:
    """A connection to ``db`` (``target`` may be its ``file:`` URI). A locked database
    (encrypted with `reflect lock`) is opened by `assistant.lock`, with its key."""
    if db != ":memory:" and encrypted(db):
        from . import lock

        return lock.connect(target, db, **kwargs)  # type: ignore[return-value]
    return sqlite3.connect(target, **kwargs)


def encrypted(db: str | os.PathLike[str]) -> bool:
    """Whether the database file is locked (SQLCipher): not plain SQLite, and whole
    pages of a size SQLite can have (a text file or another format is neither; then the
    open says it is not a Reflect database)."""
    try:
        with open(db, "rb") as f:
            head = f.read(16)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return False
    return head != b"SQLite format 3\x00" and size >= 512 and size % 512 == 0


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


# --------------------------------------------------------------------------- the store

#: Writes after which a write also checkpoints (see "Checkpoints" in the module doc).
CHECKPOINT_EVERY = 200


class Store:
    """Sessions and their events in one SQLite database. Safe to share between threads."""

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, *,
             read_only: bool = False) -> Store:
        """Open (creating if needed) ``reflect.db`` in the data home.

        ``read_only`` is for the commands that only read (sessions, search, export,
        summary): they must work on a data home Reflect cannot write to (a read-only
        folder, a full disk), because that is when a person copies their data out.
        """
        return cls(data_home(data_dir) / DB_NAME, read_only=read_only)

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.time,
        migrations: list[Migration] | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = str(path)
        #: The folder of the database (None for an in-memory store).
        self.home: Path | None = None if self.path == ":memory:" else Path(self.path).parent
        self._clock = clock
        self._lock = threading.RLock()
        self._writes = 0  # since the last checkpoint
        self._migrations = MIGRATIONS if migrations is None else migrations
        #: Encrypted at rest (`reflect lock`); shown as "locked" by the front ends.
        self.locked = self.path != ":memory:" and encrypted(self.path)
        # A database that does not exist yet (or is still empty) is created as usual.
        self.read_only = (read_only and self.path != ":memory:"
                          and _size(Path(self.path)) > 0)
        if self.read_only:
            self._open_read_only()
            return
        if self.path != ":memory:":
            self._create_file(Path(self.path))
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so transactions are
            # exactly as wide as we say and writes take the lock up front.
            self._conn = _connect(
                self.path, self.path, isolation_level=None, check_same_thread=False,
                timeout=LOCK_WAIT)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            self._first_read()
            self._check_identity()  # before anything is written, the WAL switch included
            self._configure()
            self._migrate()
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._error(exc) from None

    # ----------------------------------------------------------- set-up

    def _open_read_only(self) -> None:
        """Open for reading only, writing nothing at all (see "Read-only" above).

        ``mode=ro`` reads the database and its write-ahead log; SQLite still needs the
        ``-shm`` file for that, which a read-only folder or a full disk may not let it
        create. Then, if there is no log with changes in it, ``immutable=1`` reads the
        database file alone, which holds everything.
        """
        uri = "file:" + urllib.parse.quote(os.path.abspath(self.path))
        try:
            self._conn = self._connect_uri(uri + "?mode=ro")
        except sqlite3.DatabaseError as exc:
            if not isinstance(exc, sqlite3.OperationalError):
                raise self._error(exc) from None
            if _size(Path(self.path + "-wal")) > 0:
                raise StoreError(
                    f"Reflect cannot read {self.path} without writing beside it ({exc}), "
                    "and its write-ahead log still holds recent answers. Free some space "
                    "or make the folder writable for a moment, then try again; nothing "
                    "was changed."
                ) from None
            try:
                self._conn = self._connect_uri(uri + "?immutable=1")
            except sqlite3.Error as exc2:
                raise self._error(exc2) from None
        try:
            self._check_identity()
            applied = set(self.applied_migrations())
            missing = [name for name, _ in self._migrations if name not in applied]
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._error(exc) from None
        if missing:
            self._conn.close()
            raise StoreError(
                f"{self.path} needs an update of its layout ({missing[0]!r}), which Reflect "
                "cannot write now. Run `reflect` once where the data home is writable; "
                "nothing was changed."
            )

    def _connect_uri(self, uri: str) -> sqlite3.Connection:
        conn = _connect(uri, self.path, uri=True, isolation_level=None,
                        check_same_thread=False, timeout=LOCK_WAIT)
        try:
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _create_file(self, path: Path) -> None:
        if not path.parent.is_dir():
            raise StoreError(
                f"The folder {path.parent} does not exist. Create it, or use --data-dir / "
                "REFLECT_HOME to choose where Reflect keeps its data."
            )
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return  # an existing database keeps its mode
        except OSError as exc:
            raise StoreError(
                f"Cannot create the database {path}: {exc.strerror}. Check that the folder "
                "is writable, or choose another with --data-dir."
            ) from None
        os.close(fd)
        os.chmod(path, 0o600)

    def _first_read(self) -> None:
        self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # Read something first: a file that is not SQLite fails here, cleanly.
        self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def _configure(self) -> None:
        conn = self._conn
        if self.path != ":memory:":
            self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        # Deleted rows are overwritten, not just unlinked, whatever the local SQLite
        # was compiled with: `reflect delete` promises that nothing of them is left.
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA wal_autocheckpoint = 0")  # see "Checkpoints" above

    def _check_identity(self) -> None:
        """Refuse a SQLite file that belongs to something else, or to a newer Reflect."""
        tables = {
            name
            for (name,) in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if not tables:
            return  # a new, empty database
        if "_migrations" not in tables:
            raise StoreError(
                f"{self.path} is a SQLite database, but not one of Reflect's "
                f"(it has tables {', '.join(sorted(tables)[:5])}); nothing was changed. Move "
                "it away or point --data-dir / REFLECT_HOME to another folder."
            )
        known = {name for name, _ in self._migrations}
        unknown = [
            name
            for (name,) in self._conn.execute("SELECT name FROM _migrations ORDER BY rowid")
            if name not in known
        ]
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer version of Reflect (schema change "
                f"{unknown[-1]!r} is unknown to this one). Upgrade Reflect "
                "(`pipx upgrade mentor-reflect`) to open it; nothing was changed."
            )

    def _migrate(self) -> None:
        self._retry(
            lambda: self._conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations "
                "(name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
            )
        )
        applied = self.applied_migrations()
        for name, step in self._migrations:
            if name in applied:
                continue

            def apply(conn: sqlite3.Connection, name: str = name, step: Any = step) -> None:
                # Re-check inside the write lock: another process may have just applied it.
                if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    return
                if callable(step):
                    step(conn)
                else:
                    for statement in _sql_statements(step):
                        conn.execute(statement)
                conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    (name, self._clock()),
                )

            self._write(apply)

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has applied, in the order applied."""
        with self._guard():
            return [
                name
                for (name,) in self._conn.execute("SELECT name FROM _migrations ORDER BY rowid")
            ]

    # ----------------------------------------------------------- plumbing

    def _error(self, exc: sqlite3.Error) -> StoreError:
        if isinstance(exc, sqlite3.OperationalError) and _is_locked(exc):
            return StoreError(
                f"The database {self.path} is locked by another program (another Reflect, "
                "or a tool such as the sqlite3 shell with a change in progress); Reflect "
                f"waited {LOCK_WAIT:g} s. Everything saved before is safe. Close or finish "
                "that program and try again."
            )
        text = str(exc).lower()
        where = self.home if self.home is not None else self.path
        reading = ("`reflect sessions`, `search`, `summary` and `export` still work, so "
                   "you can copy your answers out")
        if "readonly" in text or "read-only" in text or (
                "unable to open" in text and self.home is not None
                and not os.access(self.home, os.W_OK)):
            return StoreError(
                f"The data home {where} cannot be written: the folder or its database "
                f"is read-only ({exc}); nothing was changed. {reading}; to save "
                "answers, make the folder writable or choose another with --data-dir.")
        if "disk is full" in text or "disk i/o error" in text:
            return StoreError(
                f"The data home {where} cannot be written: the disk is full or failing "
                f"({exc}); nothing was changed. {reading}; to save "
                "answers, free some space or choose another folder with --data-dir.")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError | sqlite3.IntegrityError
        ):
            return StoreError(
                f"{self.path} is not a Reflect database or is damaged ({exc}). Move it "
                "aside (keep the copy: the sqlite3 shell's `.recover` can often rescue a "
                "damaged one) and run Reflect again to start a fresh database, or point "
                "--data-dir / REFLECT_HOME to another folder."
            )
        return StoreError(f"Reflect could not use its database {self.path}: {exc}.")

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and turn any sqlite3 error into a StoreError."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    def _retry(self, fn: Callable[[], T]) -> T:
        """Run ``fn``, again after a short pause when SQLite says the database is locked
        without waiting (it can, to avoid a deadlock), all within `LOCK_WAIT` seconds."""
        deadline = time.monotonic() + LOCK_WAIT
        try:
            for attempt in range(_WRITE_ATTEMPTS):
                try:
                    return fn()
                except sqlite3.OperationalError as exc:
                    left = deadline - time.monotonic()
                    if not _is_locked(exc) or attempt == _WRITE_ATTEMPTS - 1 or left <= 0:
                        raise
                    time.sleep(min(left, 0.02 * (2**attempt) * (0.5 + random.random())))
                    left = max(deadline - time.monotonic(), 0.001)
                    self._conn.execute(f"PRAGMA busy_timeout = {int(left * 1000)}")
        finally:
            if attempt:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one immediate transaction, committed before returning."""

        def attempt() -> T:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                result = fn(conn)
                conn.execute("COMMIT")
                return result
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        with self._guard():
            result = self._retry(attempt)
            self._writes += 1
            if self._writes >= CHECKPOINT_EVERY:
                self._checkpoint()
            return result

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database, without waiting for other
        readers or writers (PASSIVE). Cheap when little was written; call it at a pause
        (after showing a turn), not inside a turn."""
        with self._guard():
            self._checkpoint()

    def _checkpoint(self) -> None:
        self._writes = 0
        if self.path != ":memory:" and not self.read_only:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    def _resolve(self, conn: sqlite3.Connection, session_id: str) -> str:
        """The full id for an id or a unique prefix of at least MIN_PREFIX characters."""
        key = str(session_id).strip().lower()
        if not key.isascii():  # ids are hex; and a lone surrogate cannot even be bound
            raise SessionNotFound(session_id)
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (key,)).fetchone():
            return key
        if len(key) < MIN_PREFIX:
            raise SessionNotFound(session_id)
        # A range, not LIKE, so the primary-key index answers it.
        rows = conn.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
            (key, key + "\uffff"),
        ).fetchall()
        if not rows:
            raise SessionNotFound(session_id)
        if len(rows) > 1:
            raise AmbiguousSession(session_id, [r[0] for r in rows])
        return rows[0][0]

    def _now(self, at: float | None) -> float:
        return self._clock() if at is None else float(at)

    # ----------------------------------------------------------- sessions

    def create_session(
        self,
        script: str,
        lang: str,
        *,
        title: str = "",
        mode: str = "solo",
        meta: dict[str, Any] | None = None,
        at: float | None = None,
    ) -> str:
        """Start a session; return its id (8 lowercase hex characters)."""
        now = self._now(at)
        meta_json = json.dumps(meta or {}, ensure_ascii=False)

        import secrets  # here: hashlib and hmac are 1-2 ms of the app's start-up

        def insert(conn: sqlite3.Connection) -> str:
            for _ in range(_ID_ATTEMPTS):
                sid = secrets.token_hex(4)
                if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone():
                    continue
                conn.execute(
                    f"INSERT INTO sessions ({_SESSION_COLUMNS}) "
                    "VALUES (?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, 0)",
                    (sid, script, lang, now, now, title, mode, meta_json),
                )
                return sid
            raise StoreError("Could not find a free session id; the database is very full.")

        return self._write(insert)

    def session(self, session_id: str) -> SessionInfo:
        """One session by id or unique prefix (≥ 4 characters)."""
        with self._guard() as conn:
            sid = self._resolve(conn, session_id)
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (sid,)
            ).fetchone()
            return _session_from_row(row)

    def sessions(
        self,
        *,
        script: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[SessionInfo]:
        """Sessions, most recently updated first."""
        where: list[str] = []
        params: list[Any] = []
        if script is not None:
            where.append("script = ?")
            params.append(script)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        sql = f"SELECT {_SESSION_COLUMNS} FROM sessions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated DESC, rowid DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._guard() as conn:
            return [_session_from_row(row) for row in conn.execute(sql, params)]

    def sessions_with_meta(self, mode: str, **meta: str | int | bool) -> list[SessionInfo]:
        """Sessions of ``mode`` whose ``meta`` has these key values, oldest first.

        How pair mode finds the sessions of one pair (``meta.pair == CODE``) from any
        process. Keys are names, never SQL; values are compared as JSON scalars.
        """
        where = ["mode = ?"]
        params: list[Any] = [mode]
        for key, value in meta.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
                raise ValueError(f"meta key {key!r} is not a plain name")
            where.append(f"json_extract({_META.format(t='sessions')}, '$.{key}') = ?")
            params.append(int(value) if isinstance(value, bool) else value)
        sql = (f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {' AND '.join(where)} "
               "ORDER BY created, rowid")
        with self._guard() as conn:
            return [_session_from_row(row) for row in conn.execute(sql, params)]

    def set_status(self, session_id: str, status: str) -> None:
        """Mark a session ``in_progress`` or ``finished`` (and touch its ``updated``)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        now = self._clock()

        def update(conn: sqlite3.Connection) -> None:
            sid = self._resolve(conn, session_id)
            conn.execute(
                "UPDATE sessions SET status = ?, updated = max(updated, ?) WHERE id = ?",
                (status, now, sid),
            )

        self._write(update)

    def set_meta(self, session_id: str, **meta: Any) -> None:
        """Merge keys into the session's ``meta`` object (read and written in one lock)."""
        encoded = json.dumps(meta, ensure_ascii=False)  # fail before touching the db

        def update(conn: sqlite3.Connection) -> None:
            sid = self._resolve(conn, session_id)
            (current,) = conn.execute("SELECT meta FROM sessions WHERE id = ?", (sid,)).fetchone()
            old, damaged = _decode_meta(current)
            if damaged is not None:
                raise StoreError(
                    f"The stored details of session {sid} are damaged (not valid JSON), "
                    "so Reflect cannot add to them. `reflect export` copies them as raw "
                    "text.")
            merged = {**old, **json.loads(encoded)}
            conn.execute(
                "UPDATE sessions SET meta = ? WHERE id = ?",
                (json.dumps(merged, ensure_ascii=False), sid),
            )

        self._write(update)

    def delete_session(self, session_id: str) -> bool:
        """Remove a session, its events and its search rows, leaving no copy on disk.

        One transaction deletes the rows (``secure_delete`` is on, so SQLite overwrites
        what they held) and rewrites the search index (FTS5 ``optimize``): deleting from
        an FTS5 table only adds "deleted" markers, and the words stay in the index's
        segments until they are merged. Then a ``TRUNCATE`` checkpoint copies the
        overwritten pages into the database file and empties the write-ahead log, whose
        older frames still hold the text. Returns False when another process was reading
        throughout, so that the log could not be emptied yet (see :meth:`wipe_log`).
        """

        def delete(conn: sqlite3.Connection) -> None:
            sid = self._resolve(conn, session_id)
            conn.execute(
                "DELETE FROM answers_fts WHERE rowid IN "
                "(SELECT rowid FROM events WHERE session_id = ?)",
                (sid,),
            )
            conn.execute("DELETE FROM events WHERE session_id = ?", (sid,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            conn.execute("INSERT INTO answers_fts (answers_fts) VALUES ('optimize')")

        self._write(delete)
        return self.wipe_log()

    def wipe_log(self) -> bool:
        """Checkpoint everything and truncate the write-ahead log to nothing.

        Another Reflect may have the database open (a second terminal): that does not
        stop the checkpoint unless it is reading at this very moment; then SQLite waits
        for it, up to :data:`_WIPE_WAIT_MS`. If it is still reading after that, returns
        False: the old frames stay in the log until a later checkpoint (the last
        connection to close makes one and removes the log).
        """
        if self.path == ":memory:" or self.read_only:
            return True
        with self._guard() as conn:
            conn.execute(f"PRAGMA busy_timeout = {_WIPE_WAIT_MS}")
            try:
                (busy, _, _) = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._writes = 0
            return not busy

    # ----------------------------------------------------------- events

    def append_event(
        self, session_id: str, kind: str, payload: dict[str, Any], at: float | None = None
    ) -> Event:
        """Append an event and commit it before returning; its ``seq`` is the next one."""
        return self.append_events(session_id, [(kind, payload, at)])[0]

    def append_events(
        self,
        session_id: str,
        events: list[tuple[str, dict[str, Any], float | None]],
        *,
        answered: int | None = None,
    ) -> list[Event]:
        """Append several events in one transaction, committed before returning.

        ``answered``, when given, replaces the session's answer count: a dialogue knows
        how many questions its live path has answered (going back and answering again, a
        follow-up or an info page do not add one), which a count of events cannot know.
        Without it, each ``answered``/``probe_answered`` event adds one.
        """
        rows = []
        for kind, payload, at in events:
            if not isinstance(payload, dict):
                raise TypeError(f"payload must be a dict, not {type(payload).__name__}")
            text = payload.get("text")
            step = payload.get("step")
            rows.append((
                kind,
                json.dumps(payload, ensure_ascii=False),
                self._now(at),
                kind in ANSWER_KINDS and isinstance(text, str) and text.strip() != "",
                "" if step is None else str(step),
                text,
            ))

        def append(conn: sqlite3.Connection) -> list[Event]:
            sid = self._resolve(conn, session_id)
            (seq,) = conn.execute(
                "SELECT coalesce(max(seq), 0) FROM events WHERE session_id = ?", (sid,)
            ).fetchone()
            out = []
            latest = 0.0
            counted = 0
            for kind, encoded, now, indexed, step_id, text in rows:
                seq += 1
                cursor = conn.execute(
                    "INSERT INTO events (session_id, seq, kind, payload, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (sid, seq, kind, encoded, now),
                )
                if indexed:
                    conn.execute(
                        "INSERT INTO answers_fts (rowid, text, session_id, step) "
                        "VALUES (?, ?, ?, ?)",
                        (cursor.lastrowid, text, sid, step_id),
                    )
                latest = max(latest, now)
                counted += 1 if kind in ANSWER_KINDS else 0
                out.append(Event(sid, seq, kind, json.loads(encoded), now))
            if answered is None:
                conn.execute(
                    "UPDATE sessions SET updated = max(updated, ?), answered = answered + ? "
                    "WHERE id = ?",
                    (latest, counted, sid),
                )
            else:
                conn.execute(
                    "UPDATE sessions SET updated = max(updated, ?), answered = ? WHERE id = ?",
                    (latest, answered, sid),
                )
            return out

        return self._write(append)

    def private_sessions(self) -> set[str]:
        """The ids of the sessions whose answers are private (see :data:`PRIVATE_SESSIONS`)."""
        with self._guard() as conn:
            return {sid for (sid,) in conn.execute(PRIVATE_SESSIONS)}

    def events(self, session_id: str, *, owner: bool = False) -> list[Event]:
        """All events of a session, in order.

        A private pair member's session (see :data:`PRIVATE_SESSIONS`) raises
        :class:`PrivateSession`, unless ``owner``: the caller acts for the person whose
        session it is (their own dialogue) or only derives what may be shown of it (the
        pair service's progress counts). Never pass it to show a session to someone else.
        """
        with self._guard() as conn:
            sid = self._resolve(conn, session_id)
            if not owner:
                self._check_not_private(conn, sid)
            return [
                Event(sid, seq, kind, _decode_payload(sid, seq, payload), at)
                for seq, kind, payload, at in conn.execute(
                    "SELECT seq, kind, payload, at FROM events WHERE session_id = ? ORDER BY seq",
                    (sid,),
                )
            ]

    def _check_not_private(self, conn: sqlite3.Connection, sid: str) -> None:
        row = conn.execute(
            f"SELECT json_extract({_META.format(t='sessions')}, '$.pair') FROM sessions "
            f"WHERE id = ? AND id IN ({PRIVATE_SESSIONS})", (sid,)).fetchone()
        if row is not None:
            raise PrivateSession(sid, str(row[0]))

    # ----------------------------------------------------------- search and export

    def search(self, text: str, limit: int = 50) -> list[tuple[SessionInfo, str, str]]:
        """Answers containing all the words of ``text`` (the last one as a prefix).

        Returns one ``(session, step id, snippet)`` per matching answer, newest first (a
        session with several matching answers appears several times); matched words in the
        snippet are wrapped in :data:`HIGHLIGHT_START` / :data:`HIGHLIGHT_END`.
        """
        query = _fts_query(text)
        if not query:
            return []
        sql = f"""
            SELECT {", ".join("s." + c.strip() for c in _SESSION_COLUMNS.split(","))},
                   hit.step, hit.snip
            FROM (
                SELECT rowid, session_id, step,
                       snippet(answers_fts, 0, ?, ?, '…', 12) AS snip
                FROM answers_fts WHERE answers_fts MATCH ?
                  AND session_id NOT IN ({PRIVATE_SESSIONS})
                ORDER BY rowid DESC LIMIT ?
            ) AS hit
            JOIN sessions AS s ON s.id = hit.session_id
            ORDER BY hit.rowid DESC
        """
        with self._guard() as conn:
            rows = conn.execute(sql, (HIGHLIGHT_START, HIGHLIGHT_END, query, int(limit)))
            return [(_session_from_row(row[:10]), row[10], row[11]) for row in rows]

    def export_all(self) -> dict[str, Any]:
        """Everything, as plain JSON-ready data: ``{"version": 1, "sessions": [...]}``.

        A private pair member's session is listed with its progress but without its
        events or content, and says why (``"private"``)."""
        with self._guard() as conn:
            private = {sid for (sid,) in conn.execute(PRIVATE_SESSIONS)}
            infos = [
                _session_from_row(row)
                for row in conn.execute(
                    f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY created, rowid"
                )
            ]
            events: dict[str, list[dict[str, Any]]] = {info.id: [] for info in infos}
            for sid, seq, kind, payload, at in conn.execute(
                "SELECT session_id, seq, kind, payload, at FROM events "
                f"WHERE session_id NOT IN ({PRIVATE_SESSIONS}) ORDER BY session_id, seq"
            ):
                try:
                    decoded = _decode_payload(sid, seq, payload)
                except DamagedEvent:
                    # The escape hatch copies out everything: this row as the raw text.
                    events[sid].append({"seq": seq, "kind": kind, "payload": None,
                                        "damaged": payload, "at": at})
                    continue
                events[sid].append({"seq": seq, "kind": kind, "payload": decoded, "at": at})
        def session(info: SessionInfo) -> dict[str, Any]:
            out = {
                "id": info.id,
                "script": info.script,
                "lang": info.lang,
                "status": info.status,
                "created": info.created,
                "updated": info.updated,
                "title": info.title,
                "mode": info.mode,
                "meta": info.meta,
                "answered": info.answered,
                "events": events[info.id],
            }
            if info.id in private:
                out["meta"] = {k: info.meta[k] for k in _PRIVATE_META if k in info.meta}
                out["private"] = PRIVATE_NOTE
            elif info.damaged_meta is not None:
                out["damaged"] = {"meta": info.damaged_meta}
            return out

        return {"version": 1, "sessions": [session(info) for info in infos]}

    # ----------------------------------------------------------- lifetime

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"


_WORD = re.compile(r"\w+", re.UNICODE)


def _fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word quoted, AND-ed together.

    Quoting means ``AND``, ``NEAR``, ``*``, ``"`` or ``:`` in an answer or a search are
    plain words, never query syntax. The last word, from three letters on, matches as a
    prefix, so results keep up while someone is still typing.
    """
    words = _WORD.findall(text or "")
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]  # \w+ holds no quote characters
    if len(words[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


# --------------------------------------------------------------------------- benchmark data

_WORDS = (
    "goal meeting mentor mentee feedback listen trust week month plan career project skills "
    "confidence team manager present report deadline learn practice question honest clear "
    "support boundary conflict calm agree review progress next step write share time focus "
    "because want need feel worried proud tried asked told better first small realistic "
    "measurable achieve specific priority energy coffee weekly notes presentation promotion "
    "Ziel Gespräch Vertrauen Rückmeldung mål samtale tillid"
).split()
_STEPS = ("goal", "why", "measure", "deadline", "obstacles", "support", "first_step", "review")
_SCRIPTS = ("goal-clarification", "active-listening", "evaluation-reflection", "conflict")


def generate_history(
    store: Store, sessions: int = 10_000, answers: int = 30, seed: int = 0
) -> list[str]:
    """Fill ``store`` with ``sessions`` finished-or-not sessions of ``answers`` answers each.

    For benchmarks: deterministic for a seed, written with ``executemany`` in a single
    transaction (10,000 × 30 takes seconds, not minutes). Returns the new session ids.
    """
    rng = random.Random(seed)
    now = store._clock()
    start = now - 3 * 365 * 86400.0

    def fill(conn: sqlite3.Connection) -> list[str]:
        taken = {sid for (sid,) in conn.execute("SELECT id FROM sessions")}
        (next_rowid,) = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM events").fetchone()
        session_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        fts_rows: list[tuple[Any, ...]] = []
        ids: list[str] = []
        for _ in range(sessions):
            sid = f"{rng.getrandbits(32):08x}"
            while sid in taken:
                sid = f"{rng.getrandbits(32):08x}"
            taken.add(sid)
            ids.append(sid)
            created = rng.uniform(start, now)
            at = created
            for seq in range(1, answers + 1):
                at += rng.uniform(5, 120)
                step = _STEPS[(seq - 1) % len(_STEPS)]
                text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 40)))
                kind = "answered" if seq % 5 else "probe_answered"
                payload = json.dumps({"step": step, "text": text}, ensure_ascii=False)
                event_rows.append((next_rowid, sid, seq, kind, payload, at))
                fts_rows.append((next_rowid, text, sid, step))
                next_rowid += 1
            status = "finished" if rng.random() < 0.8 else "in_progress"
            script = rng.choice(_SCRIPTS)
            title = f"{script.replace('-', ' ')} {len(ids)}"
            session_rows.append(
                (
                    sid,
                    script,
                    rng.choice(("en", "de", "da")),
                    status,
                    created,
                    at,
                    title,
                    "solo",
                    "{}",
                    answers,
                )
            )
        conn.executemany(
            f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
        conn.executemany(
            "INSERT INTO events (rowid, session_id, seq, kind, payload, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        conn.executemany(
            "INSERT INTO answers_fts (rowid, text, session_id, step) VALUES (?, ?, ?, ?)",
            fts_rows,
        )
        return ids

    ids = store._write(fill)
    # A real store's search index grows in many small transactions that SQLite merges
    # as it goes. One bulk insert leaves a single huge segment instead, which a later
    # ordinary insert (the 177th, in a 10,000-session fill) merges in one go: a 140 ms
    # commit. Merge it now, as the years of use being imitated would have.
    store._write(lambda conn: conn.execute(
        "INSERT INTO answers_fts (answers_fts) VALUES ('optimize')"))
    store.checkpoint()  # and the pause any real store has had since
    return ids
