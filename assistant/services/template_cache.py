"""Compiled summary templates on disk, loaded only when no one else can have written them.

Jinja2's `FileSystemBytecodeCache` stores each compiled template as a magic header, the
template's checksum *pickled*, and the compiled code (`marshal`). Loading a file
unpickles the header, which runs code from the file on its own, and rendering runs the
code object: a file planted in `cache/templates/` ran code outside the sandbox whenever
a summary rendered. A cache of compiled code always runs what it loads, so this one
decides what it loads:

* the header is compared byte for byte with the one this template's checksum gives
  (`pickle.dumps(checksum, 2)` is computed, never loaded): nothing is unpickled;
* the file is opened without following a symbolic link, and is used only if it and its
  folder belong to the user and no one else may write either (the check
  `tui/style_cache.py` makes for `styles.pickle`); the folder is created ``0700`` and
  files are written ``0600`` through a temporary file and a rename.

Anything else (foreign, loose, stale, damaged) is ignored and the template compiled as
usual; a folder of the user's own that others may write is emptied and made ``0700``
again when the cache is set up, so that the cache works again. The check is one `fstat`
and one `stat` per template, far inside the 50 ms budget for loading all content. What it
cannot stop is a process running as the user themself: that one could change Reflect's
own code just as well.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import stat
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache, bc_magic

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    getuid = getattr(os, "getuid", None)
    return (getuid is None or st.st_uid == getuid()) and not st.st_mode & 0o022


class PrivateBytecodeCache(BytecodeCache):
    """A bytecode cache in one folder that loads only the user's own private files."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._tighten()

    def _tighten(self) -> None:
        """A folder of the user's own that others may write (an old umask, a copied
        home) is made private again, and what is in it thrown away: anyone could have
        put it there. Without this the cache would be skipped for ever."""
        try:
            st = os.stat(self.folder, follow_symlinks=False)
        except OSError:
            return
        getuid = getattr(os, "getuid", None)
        if not stat.S_ISDIR(st.st_mode) or (getuid is not None and st.st_uid != getuid()):
            return  # not ours: never loaded from, and not ours to change
        if not st.st_mode & 0o022:
            return
        try:
            os.chmod(self.folder, 0o700)
        except OSError:
            return
        for path in self.folder.iterdir():
            if path.is_file() or path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            fd = os.open(self._file(bucket), os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return
        with os.fdopen(fd, "rb") as fh:
            try:
                if not (_private(os.fstat(fd)) and _private(os.stat(self.folder))):
                    return
                data = fh.read()
            except OSError:
                return
        head = bc_magic + pickle.dumps(bucket.checksum, 2)
        if not data.startswith(head):
            return  # stale (the template changed), damaged or not ours
        try:
            bucket.code = marshal.loads(data[len(head):])
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        target = self._file(bucket)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=target.name, suffix=".tmp")
        except OSError:
            return  # a read-only or full data home: templates are compiled each time
        try:
            with os.fdopen(fd, "wb") as fh:  # mkstemp makes it 0600
                fh.write(bucket.bytecode_to_string())
            os.replace(tmp, target)
        except OSError:
            try:
                os.remove(tmp)
            except OSError:
                pass

    def clear(self) -> None:
        for path in self.folder.glob("*.jinja"):
            try:
                path.unlink()
            except OSError:
                pass
