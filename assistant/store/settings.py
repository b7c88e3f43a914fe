"""What the person chose in the app (language, theme), remembered between starts.

One small JSON file, `settings.json`, in `$REFLECT_CONFIG` if set, else the platform's
user config folder (`platformdirs.user_config_dir("reflect")`: `~/.config/reflect` on
Linux, or under `$XDG_CONFIG_HOME`). It holds no answers, but like everything of
Reflect's it is the user's alone: the folder is created 0700, the file written 0600,
atomically (a crash leaves the old file or the new one, never half of one).

Reading never fails: a missing file means the defaults; a file that cannot be read or
is not what Reflect writes (not JSON, not an object, an unknown language) gives the
defaults too, with `Settings.problem` saying what was wrong, for a one-line notice.
The next choice writes the file anew.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    lang: str | None = None  # None: not chosen (the caller's default applies)
    theme: str | None = None
    #: Why the file was not used (empty when it was, or when there is none).
    problem: str = ""

    def but(self, **changes: str | None) -> Settings:
        return replace(self, problem="", **changes)


def settings_file() -> Path:
    """Where the settings are kept (nothing is created here)."""
    folder = os.environ.get("REFLECT_CONFIG")
    if not folder:
        import platformdirs  # only when no folder was given

        folder = platformdirs.user_config_dir("reflect")
    return Path(folder) / FILE_NAME


def read(path: Path, langs: tuple[str, ...]) -> Settings:
    """The settings at `path`; the defaults (with `problem` set) if they are unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(problem=f"cannot be read ({exc.__class__.__name__})")
    try:
        data = json.loads(text)
    except ValueError:
        return Settings(problem="is not valid JSON")
    if not isinstance(data, dict):
        return Settings(problem="does not hold an object of settings")
    lang, theme = data.get("lang"), data.get("theme")
    if lang is not None and lang not in langs:
        return Settings(problem=f"names a language Reflect does not have ({lang!r})")
    if theme is not None and not isinstance(theme, str):
        return Settings(problem="names no theme")
    return Settings(lang=lang, theme=theme)


def write(path: Path, settings: Settings) -> None:
    """Save `settings` at `path`, private and atomically. Raises OSError if it cannot."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be: say that, not "exists"
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR),
                                 str(path.parent)) from None
    body = json.dumps({"lang": settings.lang, "theme": settings.theme}, indent=2) + "\n"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
