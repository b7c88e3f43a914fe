"""The content library: reads scripts, rule sets, translations and templates from disk.

`assistant.core.loader` is pure (text in, model out); this module does the file work
around it: finding files, telling scripts from rule sets and translations, reporting
unreadable files as diagnostics. `validate.py` checks whole folders for `reflect validate`.

File naming, beside each English source file:
- `goal-clarification.yaml`       the script (English, the source of every string)
- `goal-clarification.de.yaml`    its German string table (`translation_of: goal-clarification`)
- `goal-clarification.md.j2`      the summary template, one for every language: its
                                  words are translated in the string tables' `summary:`
Rule sets follow the same pattern in `rules/`. A template of one language
(`goal-clarification.de.md.j2`, how summaries were translated before) is still used for
that language, and `reflect validate` suggests folding it into the one template (RS047).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic, LoadError, did_you_mean
from ..core.errors import UserError
from ..core.facts import FACTS
from ..core.loader import (
    LANGS,
    Translation,
    load_ruleset,
    load_script,
    load_translation,
)
from ..core.model import RuleSet, Script
from ..core.yamlsource import MAX_FILE_BYTES, parse, too_large
from .content import prompts_dir, rules_dir

#: Validators for other kinds of content files, by their top-level key (e.g. the
#: practice scenario bank registers "scenarios"). Each gets (text, file, lang) and
#: returns diagnostics.
EXTRA_KINDS: dict[str, Callable[[str, str, str | None], list[Diagnostic]]] = {}


def _check_practice(text: str, file: str, lang: str | None) -> list[Diagnostic]:
    from ..core.practice import check_scenarios  # imported lazily, like every extra kind

    return check_scenarios(text, file, lang)


EXTRA_KINDS["scenarios"] = _check_practice


def _check_rehearsal(text: str, file: str, lang: str | None) -> list[Diagnostic]:
    from ..core.rehearsal import check_reactions

    return check_reactions(text, file, lang)


EXTRA_KINDS["reactions"] = _check_rehearsal


def _rel(path: Path) -> str:
    """`path` as diagnostics name it: relative to the working folder when inside it."""
    return _rel_to(str(path), os.getcwd())


@lru_cache(maxsize=1024)
def _rel_to(path: str, cwd: str) -> str:
    # Cached: resolving walks every component of both paths (lstat each), and a
    # validation names each file many times (it was 15 % of loading everything).
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return path


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read: it could be any size
            raise LoadError([too_large(_rel(path), size)])
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError([Diagnostic(_rel(path), 1, 1, "RS029", f"cannot read the file: {exc}",
                                    "check that it exists and is UTF-8 text")]) from None


def _lang_of(path: Path) -> str | None:
    """'de' for 'x.de.yaml', None for a source file 'x.yaml'."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2] in LANGS:
        return parts[-2]
    return None


def _kind_of(text: str, file: str) -> str:
    """Classify a YAML file by its top-level keys.

    It parses with the same cached parser the loaders use (same text, same file name),
    so classifying a file costs nothing extra when it is loaded afterwards.
    """
    try:
        data = parse(text, file).data
    except LoadError:
        return "broken"
    if not isinstance(data, dict):
        return "broken"
    if "translation_of" in data:
        return "translation"
    if "turns" in data and "script" in data:
        return "transcript"
    if "steps" in data:
        return "script"
    if "rules" in data and "title" not in data:
        return "ruleset"
    for key in EXTRA_KINDS:
        if key in data:
            return key
    if "title" in data or "id" in data:
        return "script"
    return "unknown"


def template_path(script_file: Path, summary: str, lang: str) -> Path:
    """The summary template for `lang` beside the script (`x.md.j2` or `x.de.md.j2`)."""
    base = script_file.parent / summary
    if lang == "en":
        return base
    name = summary
    stem = name[: -len(".md.j2")] if name.endswith(".md.j2") else name.rsplit(".", 1)[0]
    rest = name[len(stem):]
    return script_file.parent / f"{stem}.{lang}{rest}"


@dataclass
class Library:
    """Content, loaded once: scripts are loaded per language on demand.

    `prompts` and `rules` are the folders looked in first; `under_prompts` and
    `under_rules` are looked in after them, in order (the bundled content under an
    author's folders: see `Library.layered`). A file in an earlier folder wins over one
    of the same id in a later folder.
    """

    prompts: Path = field(default_factory=prompts_dir)
    rules: Path = field(default_factory=rules_dir)
    under_prompts: tuple[Path, ...] = ()
    under_rules: tuple[Path, ...] = ()
    _rulesets: dict[str, Mapping[str, RuleSet]] = field(default_factory=dict)
    _scripts: dict[tuple[str, str], Script] = field(default_factory=dict)

    @classmethod
    def layered(cls, prompts: Path | str | None = None, rules: Path | str | None = None
                ) -> Library:
        """The one content resolution every command uses: the bundled scripts and rule
        sets, with an author's `--prompts` and `--rules` folders on top (a file of the
        same id there wins). Rule sets are also looked for in the prompts folder, so a
        dialogue and its own rule set may share one folder."""
        bundled_prompts, bundled_rules = prompts_dir(), rules_dir()
        user_prompts = Path(prompts) if prompts else None
        user_rules = Path(rules) if rules else None
        prompt_folders = _unique([user_prompts, bundled_prompts])
        rule_folders = _unique([user_rules, user_prompts, bundled_rules])
        return cls(prompts=prompt_folders[0], rules=rule_folders[0],
                   under_prompts=tuple(prompt_folders[1:]), under_rules=tuple(rule_folders[1:]))

    @property
    def prompt_folders(self) -> tuple[Path, ...]:
        return (self.prompts, *self.under_prompts)

    @property
    def rule_folders(self) -> tuple[Path, ...]:
        return (self.rules, *self.under_rules)

    def script_ids(self) -> list[str]:
        out: list[str] = []
        for folder in self.prompt_folders:
            for path in sorted(folder.glob("*.yaml")):
                if (path.stem not in out and _lang_of(path) is None
                        and _kind_of(_read(path), _rel(path)) == "script"):
                    out.append(path.stem)
        return sorted(out)

    def unreadable_scripts(self) -> list[Diagnostic]:
        """The first error of each source file in the prompts folders that is not even
        valid YAML (so it cannot be told to be a script, and `script_ids` leaves it out)."""
        out = []
        for folder in self.prompt_folders:
            for path in sorted(folder.glob("*.yaml")):
                if _lang_of(path) is not None:
                    continue
                try:
                    parse(_read(path), _rel(path))
                except LoadError as exc:
                    out.append(exc.diagnostics[0])
        return out

    def script_file(self, script_id: str) -> Path:
        for folder in self.prompt_folders:
            path = folder / f"{script_id}.yaml"
            if path.is_file():
                return path
        ids = self.script_ids()
        raise UserError(f"there is no dialogue '{script_id}'",
                        did_you_mean(script_id, ids) or "see `reflect list`")

    def hidden_by(self, path: Path) -> Path | None:
        """The file of this library that a script or rule set `path` of the same id
        replaces when it is put on top (None when there is none, or it is that file)."""
        folders = self.rule_folders if _kind_of(_read(path), _rel(path)) == "ruleset" \
            else self.prompt_folders
        here = path.resolve()
        for folder in folders:
            candidate = folder / path.name
            if candidate.is_file() and candidate.resolve() != here:
                return candidate  # the first other file of that id: `path` is put above it
        return None

    def rulesets(self, lang: str = "en") -> Mapping[str, RuleSet]:
        """The rule sets by id (their file names), each loaded when first asked for.

        Lazy on purpose: a broken or unfinished rule set only affects the scripts that
        name it, not every script in the library.
        """
        if lang not in self._rulesets:
            self._rulesets[lang] = _LazyRulesets(self.rule_folders, lang)
        return self._rulesets[lang]

    def script(self, script_id: str, lang: str = "en") -> Script:
        key = (script_id, lang)
        if key not in self._scripts:
            path = self.script_file(script_id)
            tr = _translation_for(path, lang)
            self._scripts[key] = load_script(_read(path), _rel(path),
                                             rulesets=self.rulesets(lang), facts=FACTS,
                                             translation=tr)
        return self._scripts[key]

    def template(self, script: Script, lang: str) -> tuple[str, str]:
        """(template text, file name) for the script's summary in `lang`, English as fallback."""
        path = self.script_file(script.id)
        summary = script.summary or f"{script.id}.md.j2"
        for candidate in (template_path(path, summary, lang), template_path(path, summary, "en")):
            if candidate.is_file():
                return _read(candidate), _rel(candidate)
        raise UserError(f"the dialogue '{script.id}' has no summary template",
                        f"create {template_path(path, summary, 'en')}")

    def summary_texts(self, script: Script, lang: str) -> Mapping[str, str | tuple[str, str]]:
        """The translations of the summary template's texts in `lang` (the `summary:` of
        the script's string table; nothing for English or without a table)."""
        tr = _translation_for(self.script_file(script.id), lang)
        return tr.summary if tr is not None else {}


class _LazyRulesets(Mapping[str, RuleSet]):
    def __init__(self, folders: tuple[Path, ...], lang: str):
        self._folders = folders
        self._lang = lang
        self._loaded: dict[str, RuleSet] = {}

    def _ids(self) -> list[str]:
        out: list[str] = []
        for folder in self._folders:
            for p in sorted(folder.glob("*.yaml")):
                if p.stem not in out and self._path(p.stem) == p:
                    out.append(p.stem)
        return out

    def _path(self, ruleset_id: str) -> Path | None:
        """The first folder's file of that id that is a rule set."""
        for folder in self._folders:
            path = folder / f"{ruleset_id}.yaml"
            if (path.is_file() and _lang_of(path) is None
                    and _kind_of(_read(path), _rel(path)) == "ruleset"):
                return path
        return None

    def __getitem__(self, ruleset_id: str) -> RuleSet:
        if ruleset_id not in self._loaded:
            path = self._path(ruleset_id) if isinstance(ruleset_id, str) else None
            if path is None:
                raise KeyError(ruleset_id)
            tr = _translation_for(path, self._lang)
            self._loaded[ruleset_id] = load_ruleset(_read(path), _rel(path), facts=FACTS,
                                                    translation=tr)
        return self._loaded[ruleset_id]

    def __contains__(self, ruleset_id: object) -> bool:
        return isinstance(ruleset_id, str) and self._path(ruleset_id) is not None

    def __iter__(self):
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())


def _unique(folders: list[Path | None]) -> list[Path]:
    out: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        if folder is not None and folder.resolve() not in seen:
            seen.add(folder.resolve())
            out.append(folder)
    return out


def _translation_for(source: Path, lang: str) -> Translation | None:
    if lang == "en":
        return None
    path = source.with_name(f"{source.stem}.{lang}.yaml")
    if not path.is_file():
        return None
    return load_translation(_read(path), _rel(path))


def analysis_facts() -> Callable[[str, str, Mapping[str, Any]], Mapping[str, Any]]:
    """The facts provider the front ends give the stepper: the nltk analysis, loaded lazily."""

    def provide(text: str, lang: str, context: Mapping[str, Any]) -> Mapping[str, Any]:
        from ..analysis import analyse

        return analyse(text, lang=lang, context=context.get("previous") or None).as_dict()

    return provide
