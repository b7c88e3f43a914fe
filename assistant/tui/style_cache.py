"""Textual's parsed stylesheets, kept between starts in `<data home>/cache/styles.pickle`.

Every start, Textual parses the app's `app.tcss` and the default CSS of every widget
class the first screen uses: ≈ 11 ms of Reflect's start-up, repeated identically each
time. After the first frame the app saves the parsed rules; the next start hands them
to its stylesheet, which then finds each source already parsed (Textual keys its own
parse cache by the CSS text itself, so an edited stylesheet simply misses and is parsed
as usual). Loading the saved rules takes ≈ 1 ms (`pickle` is imported by Textual anyway).

The file is only used when it was written for the same Python, the same installed
Textual (the files that define its rules: their size and modification time) and the
same CSS variables (the theme); otherwise it is ignored and written again. It is a
pickle, so it is only read when it belongs to the user and nobody else can write to it,
like the database beside it. It holds no answers: only style rules.

A cache in the strict sense: any failure to read or write it is silent, and Reflect
starts exactly as it would without it. It reaches into one private part of Textual
(`Stylesheet._parse_cache`); if a Textual release changes that, the cache is ignored.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

from textual.css.stylesheet import Stylesheet

FORMAT = 1
#: Textual's modules whose classes are in the pickle (RuleSet, Styles, selectors, ...).
_TEXTUAL_FILES = ("__init__.py", "css/model.py", "css/styles.py", "css/stylesheet.py")


def cache_file(data_home: Path) -> Path:
    return data_home / "cache" / "styles.pickle"


def _key(stylesheet: Stylesheet) -> str:
    import textual

    root = Path(textual.__file__).parent
    parts: list[object] = [FORMAT, sys.version, str(root)]
    for name in _TEXTUAL_FILES:
        stat = (root / name).stat()
        parts += [name, stat.st_size, stat.st_mtime_ns]
    parts.append(sorted(stylesheet._variables.items()))  # noqa: SLF001
    return repr(parts)  # compared whole: hashing it would import hashlib (~1 ms)


def _trusted(fd: int) -> bool:
    """The file is the user's own and only the user can change it."""
    stat = os.fstat(fd)
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def load(stylesheet: Stylesheet, path: Path) -> int:
    """Give `stylesheet` the rules saved at `path`; how many sources they cover (0 when
    there is no usable cache)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return 0
    try:
        with os.fdopen(fd, "rb") as fh:
            if not _trusted(fh.fileno()):
                return 0
            key, entries = pickle.load(fh)  # noqa: S301 - the user's own private file
        if key != _key(stylesheet):
            return 0
        cache = stylesheet._parse_cache  # noqa: SLF001
        for parse_key, rules in entries:
            cache.set(parse_key, rules)
        return len(entries)
    except Exception:  # noqa: BLE001 - a stale or foreign cache: parse as usual
        return 0


def to_save(stylesheet: Stylesheet) -> list[tuple[tuple, Any]] | None:
    """The parsed rules of the sources `stylesheet` holds now, if any of them had to be
    parsed this time (else None: the cache is current). Call on the UI thread, after
    the first frame."""
    cache = stylesheet._parse_cache  # noqa: SLF001
    if not cache.misses:
        return None
    sources = {(source.content, location) for location, source in stylesheet.source.items()}
    out = []
    for parse_key in cache.keys():
        if (parse_key[0], parse_key[1]) in sources:
            out.append((parse_key, cache.get(parse_key)))
    return out


def save(stylesheet: Stylesheet, entries: list[tuple[tuple, Any]], path: Path) -> None:
    """Write `entries` (from `to_save`) for the next start, atomically and private."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        body = pickle.dumps((_key(stylesheet), entries), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a cache: the next start parses again
        try:
            tmp.unlink()
        except OSError:
            pass
