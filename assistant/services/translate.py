"""`reflect translate --lang L FILE...`: write or update a script's or rule set's string table.

A translator should never type a fingerprint. For every string of the English source
(and every text its summary template marks with `_()`), the table `<file>.<lang>.yaml`
beside it gets an entry:

- a string it lacks: the English text and the current fingerprint, `untranslated: true`
  (validate reports it, RS025, until its text is no longer the English one);
- a string whose English text changed since it was translated: its translation kept,
  the current fingerprint, `outdated: true`, and the English text now in a comment
  above it (validate reports it, RS026, until the mark is deleted);
- everything else as it was. Entries the source no longer has are kept at the end for
  the translator to reuse or delete (validate warns about them, RS027).

The file is written anew (comments in it are not kept); the order follows the source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import UserError
from ..core.loader import (
    Translation,
    load_translation,
    ruleset_strings,
    script_strings,
    source_hash,
)
from ..core.yamlsource import parse
from .library import _kind_of, _lang_of, _read, _rel, template_path
from .templates import template_texts

LANGUAGE_NAMES = {"de": "German", "da": "Danish"}
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass
class Written:
    path: Path
    new: int = 0
    outdated: int = 0
    kept: int = 0
    stale: int = 0

    def describe(self) -> str:
        return (f"{_rel(self.path)}: {self.new} new to translate, {self.outdated} outdated, "
                f"{self.kept} kept" + (f", {self.stale} no longer used" if self.stale else ""))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _k(sid: str) -> str:
    return sid if _PLAIN_KEY.match(sid) else _q(sid)


def translate(source: Path, lang: str) -> Written:
    """Write or update the `lang` string table of the English `source` file."""
    if lang == "en":
        raise UserError("English is the source language: there is nothing to translate into",
                        "give --lang de or --lang da")
    if not source.is_file():
        raise UserError(f"no such file: {source}", "give the English script or rule set file")
    if _lang_of(source) is not None:
        english = source.with_name(source.name.replace(f".{_lang_of(source)}.", "."))
        raise UserError(f"{_rel(source)} is a string table, not an English source",
                        f"give the source file: reflect translate --lang {lang} {english}")
    text = _read(source)
    kind = _kind_of(text, _rel(source))
    if kind not in ("script", "ruleset"):
        raise UserError(f"{_rel(source)} is not a dialogue script or a rule set",
                        "run `reflect validate` on it to see why")
    data = parse(text, _rel(source)).data
    strings = script_strings(data) if kind == "script" else ruleset_strings(data)
    of = str(data.get("id") or source.stem)
    target = source.with_name(f"{source.stem}.{lang}.yaml")
    old = load_translation(_read(target), _rel(target)) if target.is_file() else None
    texts = _template_texts(source, data) if kind == "script" else []
    out = Written(target)
    lines = [f"# {LANGUAGE_NAMES.get(lang, lang)} string table of {source.name}, kept up to "
             f"date by `reflect translate --lang {lang} {source.name}`.",
             "# Write each translation over its text. untranslated: true marks a text still "
             "in English;",
             "# outdated: true one whose English changed since: check it, then delete the mark.",
             f"translation_of: {of}", f"lang: {lang}", "strings:"]
    for sid, english in strings.items():
        fp = source_hash(english)
        entry = old.strings.get(sid) if old else None
        if entry is None:
            lines.append(f"  {_k(sid)}: {{text: {_q(english)}, source: {fp}, untranslated: true}}")
            out.new += 1
        elif entry[1] != fp or sid in old.outdated:
            lines.append(f"  # English now: {_q(english)}")
            lines.append(f"  {_k(sid)}: {{text: {_q(entry[0])}, source: {fp}, outdated: true}}")
            out.outdated += 1
        else:
            mark = (", untranslated: true" if sid in old.untranslated
                    and entry[0].strip() == english.strip() else "")
            lines.append(f"  {_k(sid)}: {{text: {_q(entry[0])}, source: {fp}{mark}}}")
            out.kept += 1
    if old:
        stale = [sid for sid in old.strings if sid not in strings]
        if stale:
            lines.append(f"  # no longer strings of {source.name}: reuse or delete them")
        for sid in stale:
            t, fp = old.strings[sid]
            lines.append(f"  {_k(sid)}: {{text: {_q(t)}, source: {fp or '00000000'}}}")
            out.stale += 1
    summary = _summary_lines(texts, old, out)
    if summary:
        lines.append("summary:")
        lines.extend(summary)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_translation(target.read_text(encoding="utf-8"), _rel(target))  # what it wrote loads
    return out


def _template_texts(source: Path, data: dict) -> list:
    summary = data.get("summary") if isinstance(data.get("summary"), str) else None
    tpath = template_path(source, summary or f"{source.stem}.md.j2", "en")
    if not tpath.is_file():
        return []
    try:
        texts, _ = template_texts(_read(tpath))
    except Exception:  # noqa: BLE001 - a broken template: validate reports it
        return []
    seen: dict[str, object] = {}
    for t in texts:
        seen.setdefault(t.english, t)
    return list(seen.values())


def _summary_lines(texts: list, old: Translation | None, out: Written) -> list[str]:
    lines: list[str] = []
    wanted = set()
    for t in texts:
        wanted.add(t.english)
        entry = old.summary.get(t.english) if old else None
        flagged = old is not None and t.english in old.summary_untranslated
        if entry is None:
            flagged, out.new = True, out.new + 1
            entry = t.english if t.plural is None else (t.english, t.plural)
        else:
            flagged = flagged and entry in (t.english, (t.english, t.plural))
            out.kept += 1
        lines.append(_summary_entry(t.english, entry, flagged))
    if old:
        stale = [e for e in old.summary if e not in wanted]
        if stale:
            lines.append("  # no longer texts of the template: reuse or delete them")
        for english in stale:
            lines.append(_summary_entry(english, old.summary[english], False))
            out.stale += 1
    return lines


def _summary_entry(english: str, entry: str | tuple[str, str], flagged: bool) -> str:
    mark = ", untranslated: true" if flagged else ""
    if isinstance(entry, tuple):
        return f"  {_q(english)}: {{one: {_q(entry[0])}, other: {_q(entry[1])}{mark}}}"
    if flagged:
        return f"  {_q(english)}: {{text: {_q(entry)}{mark}}}"
    return f"  {_q(english)}: {_q(entry)}"
