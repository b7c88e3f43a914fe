"""`reflect lock`, `unlock`, `passphrase` and `lock --off`; the passphrase prompt.

The passphrase is read from the terminal without echo (``getpass``), or, when the
standard input is not a terminal (a script), one line per question from it. Nothing of
it is written anywhere; the key lives in this process and, after `reflect unlock`, in
the unlock agent (`assistant.store.agent`). See the README, "Locking your data home".
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import UserError

TRIES = 3


def _read(prompt: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise UserError("no passphrase was given (the input ended)",
                        "type it when asked, or give it on the first line of the input")
    return line.rstrip("\r\n")


def _tell(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def ask_key(db: Path, what: str = "Passphrase") -> bytes:
    """The key of the locked ``db`` from its passphrase: three tries, then exit 1."""
    from ..store import lock

    lock.cipher()  # say how to install SQLCipher before asking for anything
    tries = TRIES if sys.stdin.isatty() else 1  # a script gets no second guess
    for attempt in range(1, tries + 1):
        passphrase = _read(f"{what} for {db.parent}: ")
        try:
            return lock.unlock_with(db, passphrase)
        except lock.WrongPassphrase:
            if attempt < tries:
                _tell(f"That is not the passphrase. Try again ({attempt + 1} of {tries}).")
    times = f" {tries} times" if tries > 1 else ""
    raise UserError(f"wrong passphrase{times} for {db.parent}; nothing was changed",
                    "if you have lost it, the answers in this data home cannot be opened")


def ask_new(db: Path) -> str:
    from ..store import lock

    for attempt in range(1, TRIES + 1):
        first = _read("New passphrase: ")
        if len(first) < lock.MIN_PASSPHRASE:
            _tell(f"A passphrase needs at least {lock.MIN_PASSPHRASE} characters (several "
                  "words are easiest to remember).")
            continue
        if sys.stdin.isatty() and _read("The same again: ") != first:
            _tell("The two did not match." + (" Try again." if attempt < TRIES else ""))
            continue
        return first
    raise UserError("no new passphrase was set; nothing was changed",
                    f"choose one of at least {lock.MIN_PASSPHRASE} characters and type it "
                    "twice the same")


def _db(data_dir: str | None) -> Path:
    from ..store import DB_NAME, data_home

    return data_home(data_dir) / DB_NAME


def unlock_for_command(data_dir: str | None) -> None:
    """Before a command that reads or writes answers: a locked data home that no agent
    holds the key of asks for the passphrase in a terminal. Without one, the store says
    to run `reflect unlock` (no prompt can hang a script)."""
    from ..store import encrypted

    db = _db(data_dir)
    if not encrypted(db) or not sys.stdin.isatty():
        return
    from ..store import lock

    if lock.key_for(db) is None:
        lock.remember(db, ask_key(db))


def cmd_lock(data_dir: str | None, off: bool) -> int:
    from ..store import Store, encrypted, lock
    from ..store import agent as lock_agent

    db = _db(data_dir)
    if off:
        if not encrypted(db):
            print(f"{db.parent} is not locked.")
            return 0
        key = ask_key(db)
        lock.migrate(db, key, None)
        lock_agent.stop(db)
        print(f"Not locked any more: {db} is plain SQLite again, protected only by its "
              "file permissions (readable by you alone).")
        return 0
    if encrypted(db):
        if lock_agent.stop(db):
            print(f"Locked again: {db.parent} needs the passphrase from now on.")
        else:
            print(f"{db.parent} is already locked. `reflect passphrase` changes the "
                  "passphrase, `reflect lock --off` removes the lock.")
        return 0
    lock.cipher("Locking")
    Store.open(data_dir).close()  # a new data home gets its tables first
    passphrase = ask_new(db)
    salt = lock.new_salt()
    lock.migrate(db, None, lock.derive(passphrase, salt), salt)
    print(f"Locked: {db} is encrypted with your passphrase (SQLCipher, AES-256). "
          "`reflect unlock` opens it for a while. Keep the passphrase safe: without it "
          "nobody, Reflect included, can read these answers again.")
    return 0


def cmd_unlock(data_dir: str | None, minutes: float) -> int:
    from ..store import agent as lock_agent
    from ..store import encrypted

    db = _db(data_dir)
    if not encrypted(db):
        print(f"{db.parent} is not locked; there is nothing to unlock.")
        return 0
    key = ask_key(db)
    lock_agent.start(db, key, minutes)
    shown = f"{minutes:g} minute" + ("" if minutes == 1 else "s")
    print(f"Unlocked {db.parent} until it is unused for {shown} (the key is kept in "
          "memory only). `reflect lock` locks it again now.")
    return 0


def cmd_passphrase(data_dir: str | None) -> int:
    from ..store import agent as lock_agent
    from ..store import encrypted, lock

    db = _db(data_dir)
    if not encrypted(db):
        raise UserError(f"{db.parent} is not locked, so it has no passphrase",
                        "`reflect lock` encrypts it with one")
    old = ask_key(db, "Current passphrase")
    passphrase = ask_new(db)
    salt = lock.new_salt()
    key = lock.derive(passphrase, salt)
    was_unlocked = lock_agent.running(db)
    lock.migrate(db, old, key, salt)
    if was_unlocked:
        lock_agent.start(db, key)
    print(f"The passphrase of {db.parent} is changed; the old one opens nothing any more.")
    return 0
