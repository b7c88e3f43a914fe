"""`reflect validate`: every problem in a folder of scripts, rule sets and templates.

Reads files through the content library (`library.py`), loads each with the pure loader
and reports every diagnostic with its file, line, column and code, without stopping at
the first. Other kinds of content files (the practice scenario bank) register their own
checker in `EXTRA_KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from jinja2 import TemplateSyntaxError

from ..core.diagnostics import ERROR, WARNING, Diagnostic, LoadError
from ..core.errors import UserError
from ..core.facts import FACTS
from ..core.loader import (
    LANGS,
    check_template_calls,
    check_template_texts,
    check_translation,
    load_ruleset,
    load_script,
    load_translation,
    ruleset_strings,
    script_strings,
)
from ..core.model import RuleSet, Script
from ..core.sandbox import TemplateLimitError
from ..core.yamlsource import parse
from .library import EXTRA_KINDS, Library, _kind_of, _lang_of, _read, _rel, template_path
from .templates import compile_template, template_texts


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(q for q in path.rglob("*.yaml") if q.is_file()))
            files.extend(sorted(q for q in path.rglob("*.yml") if q.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"no such file or folder: {p}", "give script files or folders")
    return files


def validate(paths: Iterable[str | Path], langs: Iterable[str] = (),
             library: Library | None = None) -> list[Diagnostic]:
    """Check every YAML file under `paths`, on top of `library` (the bundled content by
    default, with `--prompts`/`--rules` as every command reads them): its rule sets are
    known, and a file of `paths` with the id of one of its files replaces it (RS048).
    Every string table found is checked against its source; with `langs`, a missing
    table is an error too."""
    langs = [lang for lang in langs if lang != "en"]
    library = library or Library()
    files = collect_files(paths)
    diags: list[Diagnostic] = []
    texts: dict[Path, str] = {}
    kinds: dict[Path, str] = {}
    for path in files:
        try:
            texts[path] = _read(path)
        except LoadError as exc:
            diags.extend(exc.diagnostics)
            continue
        kinds[path] = _kind_of(texts[path], _rel(path))

    # Rule sets: the library's are known, the given ones override them.
    known: dict[str, RuleSet] = {}
    bundled = library.rulesets("en")
    for ruleset_id in bundled:
        try:
            known[ruleset_id] = bundled[ruleset_id]
        except LoadError:
            pass  # a broken bundled rule set is reported when it is among the paths
    sources: dict[str, tuple[Path, dict[str, str]]] = {}
    for path, kind in kinds.items():
        if kind != "ruleset" or _lang_of(path) is not None:
            continue
        try:
            rs = load_ruleset(texts[path], _rel(path), facts=FACTS, warnings=diags)
            known[rs.id] = rs
            if rs.id and rs.id != path.stem:
                where = _position(texts[path], ("id",))
                diags.append(Diagnostic(_rel(path), *where, "RS037",
                                        f"the rule set id '{rs.id}' differs from its file name",
                                        f"rename the file to {rs.id}.yaml "
                                        f"or the id to {path.stem}"))
            sources[str(path)] = (path, ruleset_strings(parse(texts[path], _rel(path)).data))
        except LoadError as exc:
            diags.extend(exc.diagnostics)

    for path, kind in kinds.items():
        if kind in ("script", "ruleset") and _lang_of(path) is None:
            diags.extend(_replaces(library, path))

    for path, kind in kinds.items():
        rel = _rel(path)
        if kind == "transcript":
            continue  # `reflect test` runs them
        if kind == "broken":
            try:
                load_script(texts[path], rel)  # reports the YAML error with its position
            except LoadError as exc:
                diags.extend(exc.diagnostics)
            continue
        if kind == "script" and _lang_of(path) is None:
            try:
                script = load_script(texts[path], rel, rulesets=known, facts=FACTS, warnings=diags)
            except LoadError as exc:
                diags.extend(exc.diagnostics)
                continue
            sources[str(path)] = (path, script_strings(parse(texts[path], _rel(path)).data))
            diags.extend(_check_templates(path, script, langs, texts[path]))
        elif kind == "translation":
            try:
                load_translation(texts[path], rel)
            except LoadError as exc:
                diags.extend(exc.diagnostics)
        elif kind in EXTRA_KINDS:
            for lang in langs or [None]:
                diags.extend(EXTRA_KINDS[kind](texts[path], rel, lang))
        elif kind == "unknown":
            diags.append(Diagnostic(rel, 1, 1, "RS035",
                                    "this file is neither a script, a rule set nor a translation",
                                    "a script has 'steps:', a rule set 'rules:', a translation "
                                    "'translation_of:'"))

    for lang in LANGS:
        if lang == "en":
            continue
        for path, strings in sources.values():
            expected = path.with_name(f"{path.stem}.{lang}.yaml")
            if lang not in langs and not expected.is_file():
                continue  # a table is required only with --lang; one that exists is checked
            tr = None
            if expected.is_file():
                try:
                    tr = load_translation(_read(expected), _rel(expected))
                except LoadError as exc:
                    diags.extend(exc.diagnostics)
                    continue
            diags.extend(check_translation(strings, tr, lang, _rel(path), _rel(expected)))
    return _dedupe(diags)


def _replaces(library: Library, path: Path) -> list[Diagnostic]:
    """RS048: the file replaces one of the same id under it (bundled, or --prompts)."""
    hidden = library.hidden_by(path)
    if hidden is None:
        return []
    what = "rule set" if hidden.parent in library.rule_folders else "dialogue"
    return [Diagnostic(_rel(path), 1, 1, "RS048",
                       f"this {what} replaces {_rel(hidden)}, which has the same id "
                       f"'{path.stem}'", "that is fine if you mean it; otherwise rename the "
                       "file and its id", WARNING)]


def _position(text: str, path: tuple) -> tuple[int, int]:
    """Where `path` (e.g. `("summary",)`) is in a file that already loaded; 1:1 if absent."""
    src = parse(text, "")
    return src.positions.get(path, (1, 1))


def _check_templates(path: Path, script: Script, langs: list[str], text: str
                     ) -> list[Diagnostic]:
    """The summary template: it compiles as rendering will compile it, it marks its texts
    so that they can be translated, and with `langs` each text is translated in the
    script's string table of that language."""
    out: list[Diagnostic] = []
    summary = script.summary or f"{script.id}.md.j2"
    tpath = template_path(path, summary, "en")
    if not tpath.is_file():
        out.append(Diagnostic(_rel(path), *_position(text, ("summary",)), "RS021",
                              f"no summary template {tpath.name}", f"create {_rel(tpath)}"))
    else:
        source = _compiled(tpath, out)
        if source is not None:
            texts, problems = template_texts(source)
            out.extend(replace(d, file=_rel(tpath)) for d in problems)
            out.extend(check_template_calls(texts, _rel(tpath)))
            for lang in LANGS:
                expected = path.with_name(f"{path.stem}.{lang}.yaml")
                if lang == "en" or (lang not in langs and not expected.is_file()):
                    continue
                try:
                    tr = load_translation(_read(expected), _rel(expected)) \
                        if expected.is_file() else None
                except LoadError:
                    continue  # reported with the translation itself
                out.extend(check_template_texts(texts, _rel(tpath), tr, lang, _rel(expected)))
    for lang in LANGS:
        own = template_path(path, summary, lang)
        if lang == "en" or not own.is_file():
            continue
        if _compiled(own, out) is not None:
            out.append(Diagnostic(_rel(own), 1, 1, "RS047",
                                  f"a summary template of its own for {lang}: it is used "
                                  f"instead of {tpath.name}, so a fix must be made twice",
                                  f"mark the words of {tpath.name} with _(\"...\"), translate "
                                  f"them under summary: in {path.stem}.{lang}.yaml, and "
                                  "delete this file", WARNING))
    return out


def _compiled(tpath: Path, out: list[Diagnostic]) -> str | None:
    """The template's text if it compiles as rendering will compile it (unknown filters
    fail here too); otherwise None, with the reason added to `out`."""
    try:
        source = _read(tpath)
        compile_template(source)
        return source
    except LoadError as exc:  # not UTF-8, or too large
        out.extend(exc.diagnostics)
    except TemplateLimitError as exc:
        out.append(Diagnostic(_rel(tpath), exc.lineno or 1, 1, exc.code,
                              f"the template {exc.message}" if exc.code in ("RS042", "RS044")
                              else f"the template goes over a limit: {exc.message}",
                              exc.hint))
    except TemplateSyntaxError as exc:
        out.append(Diagnostic(_rel(tpath), exc.lineno or 1, 1, "RS022",
                              f"the template has an error: {exc.message}",
                              "check the {% %} and {{ }} pairs and the filter names on "
                              "this line (ours: quote, oneline, full_stop; and Jinja2's own)"))
    return None


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    out = []
    for d in diags:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diags)
