"""The list of dialogues the home screen offers, kept in a small cache file.

Listing the dialogues means loading every script in every language: PyYAML, Jinja2 (the
conditions), the rule sets and the string tables, ≈ 60 ms of imports and work. The home
screen only needs each script's id, title, purpose and rough duration, so once the
library has been built the app writes them to `<data home>/cache/catalogue.json`, and
the next start reads that file instead (a fraction of a millisecond, nothing but `json`).

The file is only trusted while the folder of scripts is exactly as it was: it records
the folder, Reflect's version and the name, size and modification time of every script
and string table in it. Anything different (an edited or added script, `--prompts`
naming another folder, an upgrade) and it is ignored and written afresh. It holds no
answers, only the scripts' own titles; it is private to the user like the database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .. import __version__
from ..core import LANGS

if TYPE_CHECKING:
    from .library import Library

FORMAT = 1


class Entry(NamedTuple):
    """One dialogue as the home screen lists it."""

    id: str
    title: str
    purpose: str
    minutes: int | None


#: Entries per language: {"en": [Entry, ...], "de": [...], "da": [...]}.
Catalogue = dict[str, list[Entry]]


def cache_file(data_home: Path) -> Path:
    return data_home / "cache" / "catalogue.json"


def fingerprint(prompts: Path) -> list[list[object]]:
    """What the cached catalogue was built from: every `*.yaml` beside the scripts."""
    out: list[list[object]] = []
    try:
        with os.scandir(prompts) as entries:
            for entry in entries:
                if entry.name.endswith(".yaml") and entry.is_file():
                    stat = entry.stat()
                    out.append([entry.name, stat.st_size, stat.st_mtime_ns])
    except OSError:
        return []
    out.sort()
    return out


def _key(prompts: Path) -> dict[str, object]:
    return {"format": FORMAT, "version": __version__, "prompts": str(prompts.resolve()),
            "files": fingerprint(prompts)}


def read(path: Path, prompts: Path) -> Catalogue | None:
    """The cached catalogue for `prompts`, or None when it is missing, unreadable or
    was built from other files."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") != _key(prompts):
            return None
        return {lang: [Entry(str(e[0]), str(e[1]), str(e[2]),
                             e[3] if isinstance(e[3], int) else None)
                       for e in data["entries"][lang]]
                for lang in LANGS}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def entries(library: Library, lang: str) -> list[Entry]:
    """The dialogues of `library` in `lang` (loads every script; raises what loading
    raises, e.g. `LoadError` for a broken script)."""
    out = []
    for script_id in library.script_ids():
        script = library.script(script_id, lang)
        out.append(Entry(script.id, script.title, script.purpose, script.minutes))
    return out


def build(library: Library, langs: Iterable[str] = LANGS) -> Catalogue:
    return {lang: entries(library, lang) for lang in langs}


def write(path: Path, prompts: Path, catalogue: Catalogue) -> None:
    """Write the catalogue atomically, readable by the user only. A cache: a failure to
    write it is not an error (the next start builds the list again)."""
    body = json.dumps({"key": _key(prompts),
                       "entries": {lang: [list(e) for e in catalogue[lang]] for lang in LANGS}},
                      ensure_ascii=False)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
