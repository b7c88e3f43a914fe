"""The lock: the data home encrypted at rest with SQLCipher, and the moves in and out.

`reflect lock` turns ``reflect.db`` into a SQLCipher database: every page of it, its
write-ahead log and its search index (FTS5 tables are pages of the same file) are
encrypted with AES-256 and authenticated with HMAC-SHA512; temporary tables stay in
memory (the binding is built with ``SQLITE_TEMP_STORE=2``). Nothing else in the data
home holds answers (``cache/`` is rebuilt from the scripts).

Design
------
* **Binding.** ``sqlcipher3`` (the ``sqlcipher3-binary`` wheel, an optional extra:
  ``pip install 'mentor-reflect[lock]'``): the stdlib ``sqlite3`` module's code built
  against SQLCipher 4, with SQLCipher and OpenSSL inside the wheel, FTS5 and JSON
  compiled in. It is imported only when a data home is locked or being locked; a plain
  data home never loads it. Its exceptions are its own classes, so :class:`Connection`
  turns them into the stdlib's: the store's error handling stays one piece of code.
* **Key.** The passphrase is stretched exactly as SQLCipher 4 does it (PBKDF2-HMAC-
  SHA512, 256,000 rounds, the file's first 16 bytes as salt) and the store opens the
  file with that raw key. So the key is derived once per unlock, not once per
  connection, and the file opens in any SQLCipher 4 tool with ``PRAGMA key``. Neither
  passphrase nor key is ever written to disk: :func:`remember` keeps a key in this
  process's memory, and `reflect unlock` hands it to a small agent process
  (:mod:`assistant.store.agent`) that keeps it in memory until it times out.
* **Lock state** is read from the file's first bytes, without a key: a plain SQLite
  file starts with ``SQLite format 3``, a SQLCipher file with its random salt.
* **Migrations** (:func:`migrate`: lock, `lock --off`, a new passphrase) copy the whole
  database with ``sqlcipher_export`` into ``reflect.db.new``, check the copy (every
  table's row count, SQLite's integrity check), make it durable (``fsync``), and rename
  it over ``reflect.db`` (atomic). A process killed at any point leaves the old
  database, complete and usable, or the new one, complete. While it runs, the old
  database is held with an exclusive lock, and a migration refuses to start while
  another Reflect has the data home open (it could go on writing to the old file). The
  old file's bytes are overwritten with zeros before they are let go, and a copy left
  by a killed migration is overwritten and removed by the next one.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from . import StoreError, encrypted

PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
#: SQLCipher 4's own key derivation, so a locked file opens in its tools with the passphrase.
KDF_HASH = "sha512"
KDF_ROUNDS = 256_000
KEY_BYTES = 32
#: Shorter passphrases are refused: the file can be attacked offline, without limit.
MIN_PASSPHRASE = 8
INSTALL_HINT = ("pip install 'mentor-reflect[lock]'` (or `pipx inject mentor-reflect "
                "sqlcipher3-binary`")
#: The tables a migration counts in the old and the new database before it swaps them.
_COUNTED = ("sessions", "events", "answers_fts", "_migrations")


class LockError(StoreError):
    """A problem with the lock; the message says what to do."""


class MissingCipher(LockError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} needs SQLCipher, which is not installed. Install it with `"
            f"{INSTALL_HINT}), then try again; nothing was changed.")


class StoreLocked(LockError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"The data home {Path(path).parent} is locked. Run `reflect unlock` (it asks "
            "for your passphrase), then try again; nothing was changed.")


class WrongPassphrase(LockError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"That is not the passphrase of {path}; nothing was changed. If it is lost, "
            "so are the answers: the file cannot be opened without it.")


# --------------------------------------------------------------------------- the binding


def cipher(what: str = "A locked data home") -> ModuleType:
    """The SQLCipher binding, or :class:`MissingCipher` saying how to install it."""
    try:
        import sqlcipher3
    except ImportError:
        raise MissingCipher(what) from None
    return sqlcipher3


def available() -> bool:
    try:
        cipher()
    except MissingCipher:
        return False
    return True


def _translate(exc: Exception) -> sqlite3.Error:
    """The stdlib's exception of the same name: the store knows only those."""
    cls = getattr(sqlite3, type(exc).__name__, sqlite3.Error)
    if not (isinstance(cls, type) and issubclass(cls, sqlite3.Error)):
        cls = sqlite3.Error
    return cls(*exc.args)


class Cursor:
    """A SQLCipher cursor raising the stdlib's exceptions, also while rows are read."""

    __slots__ = ("_raw", "_errors")

    def __init__(self, raw: Any, errors: type[Exception]) -> None:
        self._raw = raw
        self._errors = errors

    def __iter__(self) -> Iterator[Any]:
        rows = iter(self._raw)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except self._errors as exc:
                raise _translate(exc) from None
            yield row

    def fetchone(self) -> Any:
        try:
            return self._raw.fetchone()
        except self._errors as exc:
            raise _translate(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return self._raw.fetchall()
        except self._errors as exc:
            raise _translate(exc) from None

    def __getattr__(self, name: str) -> Any:  # lastrowid, rowcount, description, close
        return getattr(self._raw, name)


class Connection:
    """A keyed SQLCipher connection that behaves like a stdlib one to the store."""

    __slots__ = ("_raw", "_errors")

    def __init__(self, raw: Any, errors: type[Exception]) -> None:
        self._raw = raw
        self._errors = errors

    def execute(self, sql: str, parameters: Any = ()) -> Cursor:
        try:
            return Cursor(self._raw.execute(sql, parameters), self._errors)
        except self._errors as exc:
            raise _translate(exc) from None

    def executemany(self, sql: str, parameters: Any) -> Cursor:
        try:
            return Cursor(self._raw.executemany(sql, parameters), self._errors)
        except self._errors as exc:
            raise _translate(exc) from None

    def close(self) -> None:
        self._raw.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


# --------------------------------------------------------------------------- state and keys

#: Whether a database file is locked (read from its first bytes, no key needed).
is_locked = encrypted


def salt_of(db: str | os.PathLike[str]) -> bytes:
    with open(db, "rb") as f:
        return f.read(SALT_BYTES)


def derive(passphrase: str, salt: bytes) -> bytes:
    """The raw key for a passphrase and a file's salt, as SQLCipher 4 derives it."""
    return hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode("utf-8"), salt, KDF_ROUNDS,
                               KEY_BYTES)


def _pragma_key(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's raw-key literal (with the salt for a file that does not exist yet)."""
    return "x'" + key.hex() + (salt.hex() if salt else "") + "'"


_KEYS: dict[str, bytes] = {}


def _id(db: str | os.PathLike[str]) -> str:
    return os.path.realpath(db)


def remember(db: str | os.PathLike[str], key: bytes) -> None:
    """Keep the key of ``db`` in this process's memory (never on disk)."""
    _KEYS[_id(db)] = key


def forget(db: str | os.PathLike[str]) -> None:
    _KEYS.pop(_id(db), None)


def key_for(db: str | os.PathLike[str]) -> bytes | None:
    """The key of a locked database: this process's, else the unlock agent's."""
    found = _KEYS.get(_id(db))
    if found is None:
        from . import agent

        found = agent.ask(db)
        if found is not None:
            _KEYS[_id(db)] = found
    return found


def check_key(db: str | os.PathLike[str], key: bytes) -> bool:
    """Whether ``key`` opens the locked database ``db``."""
    sc = cipher()
    conn = sc.connect(str(db), isolation_level=None, timeout=5.0)
    try:
        _quiet(conn)
        conn.execute(f'PRAGMA key = "{_pragma_key(key)}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sc.DatabaseError as exc:
        if "not a database" in str(exc):
            return False
        raise _translate(exc) from None
    finally:
        conn.close()
    return True


def unlock_with(db: str | os.PathLike[str], passphrase: str) -> bytes:
    """The key for ``passphrase`` if it is the right one, else :class:`WrongPassphrase`."""
    key = derive(passphrase, salt_of(db))
    if not check_key(db, key):
        raise WrongPassphrase(str(db))
    return key


def _quiet(conn: Any) -> None:
    # SQLCipher logs a failed page check (a wrong key) to stderr; we say it ourselves.
    conn.execute("PRAGMA cipher_log_level = NONE")


def connect(target: str, db: str | os.PathLike[str], **kwargs: Any) -> Connection:
    """A connection to the locked database ``db`` (``target`` may be a ``file:`` URI),
    keyed and ready: :class:`StoreLocked` without a key, :class:`WrongPassphrase` with
    the wrong one, :class:`MissingCipher` without the binding."""
    sc = cipher()
    key = key_for(db)
    if key is None:
        raise StoreLocked(str(db))
    raw = sc.connect(target, **kwargs)
    conn = Connection(raw, sc.Error)
    try:
        _quiet(conn)
        conn.execute(f'PRAGMA key = "{_pragma_key(key)}"')
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raw.close()
        if "not a database" in str(exc):
            forget(db)
            raise WrongPassphrase(str(db)) from None
        raise
    if not kwargs.get("uri"):
        _scrub(Path(str(db) + ".new"))  # a killed migration's copy (see the module doc)
    return conn


# --------------------------------------------------------------------------- migration


def _stop_here(point: str) -> None:
    """Where the crash test stops a migration (SIGSTOP), to kill it there."""
    if point in os.environ.get("REFLECT_TEST_STOP_AT", "").split(","):
        os.kill(os.getpid(), signal.SIGSTOP)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _zero(fd: int) -> None:
    """Overwrite a file's bytes with zeros, durably."""
    size = os.fstat(fd).st_size
    block = b"\0" * 65536
    os.lseek(fd, 0, os.SEEK_SET)
    done = 0
    while done < size:
        done += os.write(fd, block[: min(len(block), size - done)])
    os.fsync(fd)


def _scrub(path: Path) -> None:
    """Overwrite and remove a file, if there is one."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        _zero(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)


def _counts(conn: Any, schema: str) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone()[0]
            for table in _COUNTED}


def _check_copy(sc: ModuleType, path: Path, key: bytes | None) -> tuple[str, dict[str, int]]:
    """Open the copy on its own, with its key: SQLite's check and its row counts."""
    conn = sc.connect(str(path), isolation_level=None)
    try:
        _quiet(conn)
        if key is not None:
            conn.execute(f'PRAGMA key = "{_pragma_key(key)}"')
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        return check, _counts(conn, "main")
    except sc.Error as exc:
        return str(exc), {}
    finally:
        conn.close()


def migrate(db: Path, old_key: bytes | None, new_key: bytes | None,
            new_salt: bytes | None = None) -> None:
    """Replace ``db`` by a copy under ``new_key`` (None: plain SQLite), crash-safely.

    ``old_key`` opens the current file (None: it is plain). See "Migrations" above.
    """
    sc = cipher("Locking")
    tmp = db.with_name(db.name + ".new")
    src = sc.connect(str(db), isolation_level=None, timeout=0)
    old_fd: int | None = None
    own_tmp = False
    try:
        _quiet(src)
        if old_key is not None:
            src.execute(f'PRAGMA key = "{_pragma_key(old_key)}"')
        try:
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # Leaving WAL mode needs the only connection: no other Reflect has it open.
            mode = src.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if mode != "delete":
                raise sc.OperationalError("database is locked")
            src.execute("PRAGMA locking_mode = EXCLUSIVE")
            src.execute("BEGIN EXCLUSIVE")  # held until this connection closes
            src.execute("COMMIT")
        except sc.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LockError(
                    f"Another Reflect has the data home {db.parent} open (the app, a "
                    "dialogue, `reflect serve`). Close it, then try again; nothing was "
                    "changed.") from None
            raise _translate(exc) from None
        except sc.DatabaseError as exc:
            raise _translate(exc) from None
        _stop_here("exclusive")
        _scrub(tmp)  # only now: a second migration running at once never gets here
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        own_tmp = True
        key = "" if new_key is None else _pragma_key(new_key, new_salt)
        try:
            before = _counts(src, "main")
            src.execute("ATTACH DATABASE ? AS new KEY ?", (str(tmp), key))
            src.execute("SELECT sqlcipher_export('new')")
            src.execute("DETACH DATABASE new")
        except sc.Error as exc:
            raise LockError(
                f"Reflect could not write the new copy of {db} ({exc}); the database is "
                "as it was, nothing was changed. Free some space, then try again.") from None
        _stop_here("exported")
        check, after = _check_copy(sc, tmp, new_key)
        if after != before or check != "ok":
            raise LockError(
                f"The new copy of {db} did not check out ({check}; rows {after} instead of "
                f"{before}); the old database was kept, nothing was changed.")
        _fsync(tmp)
        _stop_here("copied")
        old_fd = os.open(db, os.O_RDWR)  # the old file's bytes, to overwrite after the swap
        os.replace(tmp, db)
        _fsync(db.parent)
        _stop_here("replaced")
        _zero(old_fd)
    finally:
        if own_tmp and old_fd is None:
            try:
                _scrub(tmp)
            except OSError:
                pass
        src.close()
        if old_fd is not None:
            os.close(old_fd)  # after the connection: closing it drops the process's locks
    forget(db)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)
