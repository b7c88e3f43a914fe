"""Run `reflect` as if its SQLite had been compiled with secure_delete off.

Every connection this process opens starts with ``PRAGMA secure_delete = OFF`` (what a
build without SQLITE_SECURE_DELETE gives), then the real command line runs. The delete
tests use it so that they hold whatever the local SQLite's compile options are.
"""

from __future__ import annotations

import sqlite3
import sys

_connect = sqlite3.connect


def _connect_without_secure_delete(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.execute("PRAGMA secure_delete = OFF")
    return conn


sqlite3.connect = _connect_without_secure_delete

if __name__ == "__main__":
    from assistant.cli.main import main

    sys.exit(main(sys.argv[1:]))
