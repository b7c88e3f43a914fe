"""Where exports go, and how they are written: private, and never by surprise.

An export (`reflect export`, `reflect summary -o`, the TUI's save keys) copies private
answers out of the data home, so it must land where the person expects it and nowhere
else. Writing into the folder Reflect happened to be started in was the wrong default:
under `make run` that is the repository, where `git add -A` would commit the answers.

* **The default folder** is ``Reflect`` in the person's documents folder
  (``platformdirs.user_documents_dir()``: ``~/Documents``, or what the desktop's
  ``user-dirs.dirs`` names). Reflect creates it ``0700`` when it is missing; a folder
  that exists keeps its mode (we never change what the person has set).
* **A path given** (``-o FILE``, ``-o FOLDER``, the folder typed in the TUI's save
  dialog) is the person's choice and is honoured, relative ones from the current folder.
  A folder given gets the default file name. The folder of ``-o FILE`` must exist (a
  typo is said, not turned into new folders); a folder named as one (``-o new/``, the
  save dialog's folder) is created, ``0700``.
* **Files** are written ``0600`` (an existing file is replaced, and so loses a looser
  mode), through a temporary file in the same folder, so a full disk leaves the old file
  whole. Every caller is given the absolute path to say where the file went.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import stat
import tempfile
from pathlib import Path

from ..core.errors import UserError
from ..i18n import N_

#: The subfolder of the documents folder that exports go to by default.
SUBFOLDER = "Reflect"


def default_folder() -> Path:
    """``Reflect`` in the person's documents folder (not created here)."""
    import platformdirs  # here: only an export needs it

    return Path(platformdirs.user_documents_dir()).expanduser() / SUBFOLDER


def export_name(now: _dt.datetime | None = None) -> str:
    """The file name of `reflect export`: one per day, a later export replaces it."""
    return f"reflect-export-{(now or _dt.datetime.now()).strftime('%Y-%m-%d')}.json"


def summary_name(script: str, session_id: str, fmt: str) -> str:
    return f"reflect-{script}-{session_id}.{fmt}"


def target(output: str | os.PathLike[str] | None, name: str) -> Path:
    """The absolute path to write: ``output`` as given (a folder gets ``name``), or
    ``name`` in the default folder when nothing was given."""
    if output is None or str(output) == "":
        return default_folder() / name
    path = Path(output).expanduser()
    if path.is_dir() or str(output).endswith(("/", os.sep)):
        path = path / name
    return Path(os.path.abspath(path))


def write_private(path: Path, text: str, *, create: bool = False) -> Path:
    """Write ``text`` to ``path`` readable only by its owner; return the absolute path.

    The folder is created (0700) when missing if it is the default folder or ``create``
    (the person named it as a folder); otherwise a missing folder is a
    :class:`UserError` saying which and how to fix it, as is any failure to write.
    """
    path = Path(os.path.abspath(path))
    folder = path.parent
    if not folder.is_dir():
        if not create and folder != default_folder():
            raise UserError(f"cannot save {path}: the folder {folder} does not exist",
                            "create it first, or choose another folder",
                            key=N_("Could not save {path}: the folder {folder} does not exist."),
                            params={"path": str(path), "folder": str(folder)})
        _make_private_folder(folder, path)
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            # A device or a pipe (-o /dev/stdout): write into it, never replace it.
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return path
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            os.chmod(tmp, 0o600)  # mkstemp's mode already; said, not assumed
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise UserError(f"cannot save {path}: {exc.strerror or exc}",
                        "choose a folder you can write to, with room to spare",
                        key=N_("Could not save {path}: {error}"),
                        params={"path": str(path), "error": str(exc.strerror or exc)}) from None
    return path


def _make_private_folder(folder: Path, path: Path) -> None:
    if folder.exists():
        raise UserError(f"cannot save {path}: {folder} is not a folder",
                        "choose a folder", key=N_("Could not save {path}: {folder} is not a "
                                                  "folder."),
                        params={"path": str(path), "folder": str(folder)})
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return  # made meanwhile (another Reflect); it keeps its mode
    except OSError as exc:
        raise UserError(f"cannot save {path}: cannot create {folder}: {exc.strerror or exc}",
                        "choose another folder with -o (or in the save dialog)",
                        key=N_("Could not save {path}: {error}"),
                        params={"path": str(path), "error": str(exc.strerror or exc)}) from None
    os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
