"""Load scripts, rule sets and translations in stages, with precise diagnostics.

Stages, each testable alone:
1. YAML with positions (`yamlsource.parse`): RS001/RS002.
2. Schema: known keys, required keys, types, ids (RS003-RS005, RS020, RS036).
3. Model: build `Script` / `RuleSet`, compiling every condition once (RS009/RS010/RS016).
4. Semantic checks: jumps, loops, duplicates, review step, reachability, rule sets.

The loader is pure: it takes text and returns a model or raises `LoadError` with every
diagnostic it found. Reading files is the caller's job (`assistant/services/library.py`).

Translations: every user-visible string of an English source file has an id
(`title`, `steps.<id>.prompt`, `steps.<id>.options.<value>`, `<rule>.probe`, ...). A
translation file maps ids to `{text, source}`, where `source` is `source_hash()` of the
English text it was made from, so an edited English string makes the translation
"outdated" (RS026) rather than silently wrong.

A translation of a script also translates its summary template, under `summary:`: the
template marks its words with `_("...")` (Jinja2's i18n extension), and the table maps
each English text to its translation, as gettext does. The English text is the key, so
an edited English text is simply not translated yet (RS025, at the template's line),
and the old entry is named as the one to look at (RS027).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import LANGS
from .diagnostics import ERROR, WARNING, Diagnostic, LoadError, did_you_mean
from .expressions import RULE_NAMES, SCRIPT_NAMES, Condition, ExpressionError, compile_condition
from .model import ANSWERABLE, STEP_KINDS, Action, Branch, Option, Rule, RuleSet, Script, Step
from .yamlsource import Source, parse

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

SCRIPT_KEYS = {"id", "title", "purpose", "minutes", "lang", "rules", "summary", "steps", "version"}
STEP_KEYS = {"id", "kind", "prompt", "help", "multiline", "options", "min", "max", "labels",
             "required", "min_words", "store_as", "when", "next", "tags"}
BRANCH_KEYS = {"when", "goto", "max"}
RULESET_KEYS = {"id", "description", "rules"}
RULE_KEYS = {"id", "on", "when", "then", "description"}
ACTION_KEYS = {"probe", "tip", "notice", "goto", "set", "flag"}
TRANSLATION_KEYS = {"translation_of", "lang", "strings", "summary"}
#: The plural forms a translated text has (German and Danish: one, and every other number).
PLURAL_FORMS = ("one", "other")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def source_hash(text: str) -> str:
    """The short fingerprint a translation records of the English text it translates."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


@dataclass
class Translation:
    of: str
    lang: str
    file: str
    strings: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (text, source)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    strings_at: tuple[int, int] = (1, 1)  # where `strings:` is: a missing string goes there
    #: The summary template's texts: English text -> translation, or (one, other) forms.
    summary: dict[str, str | tuple[str, str]] = field(default_factory=dict)
    summary_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: What `reflect translate` marked: string ids (and summary texts) it wrote with the
    #: English text (`untranslated: true`), and string ids whose English text changed
    #: since they were translated (`outdated: true`).
    untranslated: set[str] = field(default_factory=set)
    outdated: set[str] = field(default_factory=set)
    summary_untranslated: set[str] = field(default_factory=set)


class _Checker:
    """Collects diagnostics for one file."""

    def __init__(self, src: Source):
        self.src = src
        self.diags: list[Diagnostic] = []
        for path, (line, col) in src.duplicates:
            self.diags.append(Diagnostic(src.file, line, col, "RS036",
                                         f"the key '{path[-1]}' appears twice",
                                         "keep one; the later one would silently win"))

    def add(self, path: tuple, code: str, message: str, hint: str = "", *, key: bool = False,
            severity: str = ERROR) -> None:
        self.diags.append(self.src.diag(path, code, message, hint, key=key, severity=severity))

    def keys(self, obj: Mapping, path: tuple, allowed: set[str], required: Iterable[str],
             what: str) -> None:
        misspelt: set[str] = set()
        for k in obj:
            if k not in allowed:
                self.add(path + (k,), "RS004", f"unknown key '{k}' in {what}",
                         did_you_mean(str(k), allowed), key=True)
                misspelt.update(difflib.get_close_matches(str(k), allowed, n=1, cutoff=0.6))
        for k in required:
            if k not in obj and k not in misspelt:  # a misspelt key is one mistake, not two
                self.add(path, "RS003", f"{what} needs '{k}'", f"add '{k}:' here")

    def typed(self, obj: Mapping, key: str, path: tuple, types: tuple[type, ...], what: str,
              default: Any = None) -> Any:
        if key not in obj:
            return default
        value = obj[key]
        if isinstance(value, bool) and bool not in types:
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            names = " or ".join(_type_name(t) for t in types)
            self.add(path + (key,), "RS005",
                     f"'{key}' must be {names}, not {_type_name(type(value))}", f"write {what}")
            return default
        return value

    def condition(self, source: Any, path: tuple, names: Mapping[str, str], *,
                  facts: Iterable[str] | None = None, answers: Iterable[str] | None = None
                  ) -> Condition | None:
        try:
            return compile_condition(source, names, facts=facts, answers=answers)
        except ExpressionError as exc:
            self.add(path, exc.code, exc.message, exc.hint)
            return None

    def errors(self) -> bool:
        return any(d.severity == ERROR for d in self.diags)


def _type_name(t: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", list: "a list",
            dict: "a mapping", float: "a number", type(None): "empty"}.get(t, t.__name__)


def _text(c: _Checker, obj: Mapping, key: str, path: tuple, *, required: bool = False) -> str:
    value = obj.get(key)
    if value is None:
        if required and key in obj:
            c.add(path + (key,), "RS032", f"'{key}' is empty", f"write the {key} text")
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        c.add(path + (key,), "RS005", f"'{key}' must be text, not {_type_name(type(value))}",
              "quote it if it looks like a list or mapping")
        return ""
    if required and not value.strip():
        c.add(path + (key,), "RS032", f"'{key}' is empty", f"write the {key} text")
    return value


def _check_id(c: _Checker, value: Any, path: tuple, what: str) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        c.add(path, "RS020", f"{what} '{value}' may only use a-z, 0-9, '-' and '_'",
              "use lower case letters and dashes, e.g. first-step")
        return str(value)
    return value


def _parse(text: str, file: str) -> Source:
    src = parse(text, file)
    if not isinstance(src.data, dict):
        raise LoadError([Diagnostic(file, *src.at(()), "RS002",
                                    "the document must be a mapping of keys to values",
                                    "start with 'id: ...' at the first column")])
    return src


# --------------------------------------------------------------------------- strings


def script_strings(data: Mapping) -> dict[str, str]:
    """Every translatable string of a (raw, English) script, by string id."""
    out: dict[str, str] = {}
    for key in ("title", "purpose"):
        if isinstance(data.get(key), str) and data[key].strip():
            out[key] = data[key]
    for step in data.get("steps") or []:
        if not isinstance(step, dict) or not isinstance(step.get("id"), str):
            continue
        base = f"steps.{step['id']}"
        for key in ("prompt", "help"):
            if isinstance(step.get(key), str) and step[key].strip():
                out[f"{base}.{key}"] = step[key]
        for opt in step.get("options") or []:
            value, label = _option_parts(opt)
            if value is not None and label:
                out[f"{base}.options.{value}"] = label
        labels = step.get("labels")
        if isinstance(labels, dict):
            for n, label in labels.items():
                if isinstance(label, str):
                    out[f"{base}.labels.{n}"] = label
    return out


def ruleset_strings(data: Mapping) -> dict[str, str]:
    out: dict[str, str] = {}
    for rule in data.get("rules") or []:
        if not isinstance(rule, dict) or not isinstance(rule.get("then"), dict):
            continue
        for key in ("probe", "tip", "notice"):
            value = rule["then"].get(key)
            if isinstance(value, str) and value.strip():
                out[f"{rule.get('id')}.{key}"] = value
    return out


def _option_parts(opt: Any) -> tuple[str | None, str]:
    if isinstance(opt, str):
        return opt, opt
    if isinstance(opt, dict):
        value = opt.get("value")
        label = opt.get("label", value)
        return (str(value) if value is not None else None), (str(label) if label else "")
    return None, ""


def _localise(data: dict, strings: Mapping[str, str], translation: Translation | None) -> dict:
    """Replace each source string in `data` with its translation, where there is one."""
    if translation is None:
        return data
    table = {sid: text for sid, (text, _) in translation.strings.items()}
    out = dict(data)
    for key in ("title", "purpose"):
        if key in table:
            out[key] = table[key]
    if "steps" in data and isinstance(data["steps"], list):
        steps = []
        for step in data["steps"]:
            if not isinstance(step, dict):
                steps.append(step)
                continue
            step = dict(step)
            base = f"steps.{step.get('id')}"
            for key in ("prompt", "help"):
                if f"{base}.{key}" in table:
                    step[key] = table[f"{base}.{key}"]
            if isinstance(step.get("options"), list):
                opts = []
                for opt in step["options"]:
                    value, _ = _option_parts(opt)
                    sid = f"{base}.options.{value}"
                    opts.append({"value": value, "label": table[sid]} if sid in table else opt)
                step["options"] = opts
            if isinstance(step.get("labels"), dict):
                step["labels"] = {n: table.get(f"{base}.labels.{n}", lab)
                                  for n, lab in step["labels"].items()}
            steps.append(step)
        out["steps"] = steps
    if "rules" in data and isinstance(data["rules"], list):
        rules = []
        for rule in data["rules"]:
            if isinstance(rule, dict) and isinstance(rule.get("then"), dict):
                rule = dict(rule)
                then = dict(rule["then"])
                for key in ("probe", "tip", "notice"):
                    sid = f"{rule.get('id')}.{key}"
                    if sid in table:
                        then[key] = table[sid]
                rule["then"] = then
            rules.append(rule)
        out["rules"] = rules
    return out


# --------------------------------------------------------------------------- translations


def load_translation(text: str, file: str) -> Translation:
    src = _parse(text, file)
    c = _Checker(src)
    data = src.data
    c.keys(data, (), TRANSLATION_KEYS, ("translation_of", "lang", "strings"), "a translation")
    lang = data.get("lang")
    if "lang" in data and lang not in LANGS:
        c.add(("lang",), "RS005", f"unknown language '{lang}'", "use one of: " + ", ".join(LANGS))
    tr = Translation(str(data.get("translation_of", "")), str(lang or ""), file)
    strings = c.typed(data, "strings", (), (dict,), "a mapping of string ids", {})
    tr.strings_at = src.at(("strings",), key=True)
    for sid, entry in strings.items():
        path = ("strings", sid)
        tr.positions[str(sid)] = src.at(path, key=True)
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            c.add(path, "RS005", f"string '{sid}' must be a mapping with 'text' and 'source'",
                  "write  {text: '...', source: 'abcd1234'}")
            continue
        if not entry["text"].strip():
            c.add(path + ("text",), "RS032", f"string '{sid}' is empty", "translate the text")
        tr.strings[str(sid)] = (entry["text"], str(entry.get("source", "")))
        if entry.get("untranslated") is True:
            tr.untranslated.add(str(sid))
        if entry.get("outdated") is True:
            tr.outdated.add(str(sid))
    texts = c.typed(data, "summary", (), (dict,), "a mapping of English texts to translations",
                    {})
    for english, entry in texts.items():
        path = ("summary", english)
        tr.summary_positions[str(english)] = src.at(path, key=True)
        if isinstance(entry, str):
            if not entry.strip():
                c.add(path, "RS032", f"the translation of '{english}' is empty",
                      "translate the text")
            tr.summary[str(english)] = entry
        elif (isinstance(entry, dict) and set(entry) - {"untranslated"} == {"text"}
              and isinstance(entry["text"], str) and entry["text"].strip()):
            tr.summary[str(english)] = entry["text"]  # as `reflect translate` writes it
            if entry.get("untranslated") is True:
                tr.summary_untranslated.add(str(english))
        elif (isinstance(entry, dict) and set(entry) - {"untranslated"} == set(PLURAL_FORMS)
              and all(isinstance(entry[f], str) and entry[f].strip() for f in PLURAL_FORMS)):
            tr.summary[str(english)] = (entry["one"], entry["other"])
            if entry.get("untranslated") is True:
                tr.summary_untranslated.add(str(english))
        else:
            c.add(path, "RS005", f"the translation of '{english}' must be a text, or "
                  "'one:' and 'other:' texts for a count",
                  'write  "English": "translation"  (or one: and other: below it)')
    if c.errors():
        raise LoadError(c.diags)
    return tr


def check_translation(source: Mapping[str, str], tr: Translation | None, lang: str,
                      file: str, expected_file: str) -> list[Diagnostic]:
    """Diagnostics for a translation against the English source strings."""
    if tr is None:
        return [Diagnostic(file, 1, 1, "RS025", f"no '{lang}' translation",
                           f"run `reflect translate --lang {lang} {file}`: it writes "
                           f"{expected_file} with every string to translate")]
    out: list[Diagnostic] = []
    for sid, text in source.items():
        if sid not in tr.strings:
            out.append(Diagnostic(tr.file, *tr.strings_at, "RS025", f"'{sid}' is not translated",
                                  f"run `reflect translate --lang {lang} {file}` to add it, "
                                  f"or add it under strings: with source: {source_hash(text)} "
                                  f"(English: {text[:60]!r})"))
        elif sid in tr.untranslated and tr.strings[sid][0].strip() == text.strip():
            line, col = tr.positions.get(sid, (1, 1))
            out.append(Diagnostic(tr.file, line, col, "RS025",
                                  f"'{sid}' is not translated yet (still the English text)",
                                  "write the translation over the English text"))
        elif sid in tr.outdated and tr.strings[sid][1] == source_hash(text):
            line, col = tr.positions.get(sid, (1, 1))
            out.append(Diagnostic(tr.file, line, col, "RS026",
                                  f"'{sid}' was translated from an older English text",
                                  f"check it against {text[:60]!r}, then delete "
                                  "'outdated: true'"))
        elif tr.strings[sid][1] != source_hash(text):
            line, col = tr.positions.get(sid, (1, 1))
            out.append(Diagnostic(tr.file, line, col, "RS026",
                                  f"'{sid}' was translated from an older English text",
                                  f"check it against {text[:60]!r}, then set source: "
                                  f"{source_hash(text)} (or run `reflect translate --lang "
                                  f"{lang} {file}`, which marks it)"))
    for sid in tr.strings:
        if sid not in source:
            line, col = tr.positions.get(sid, (1, 1))
            out.append(Diagnostic(tr.file, line, col, "RS027",
                                  f"'{sid}' is not a string of {tr.of}",
                                  did_you_mean(sid, source) or "remove it", WARNING))
    return out


@dataclass(frozen=True)
class TemplateText:
    """A text a summary template marks for translation (`_("...")`, `{% trans %}`)."""

    line: int
    col: int
    english: str
    plural: str | None = None  # the English plural, for `ngettext` and `{% pluralize %}`
    given: frozenset[str] | None = None  # placeholders the call fills; None: not known


def placeholders(text: str) -> set[str]:
    """The `%(name)s` placeholders of a template text."""
    return set(_PLACEHOLDER.findall(text))


def _names(names: Iterable[str]) -> str:
    return ", ".join(f"%({n})s" for n in sorted(names)) or "none"


def check_template_texts(texts: Iterable[TemplateText], template_file: str,
                         tr: Translation | None, lang: str, expected_file: str
                         ) -> list[Diagnostic]:
    """Diagnostics for the summary template's texts against a translation's `summary:`.

    Without a translation file at all there is nothing to add: `check_translation`
    already reports the missing file."""
    if tr is None:
        return []
    texts = list(texts)
    out: list[Diagnostic] = []
    wanted = {t.english for t in texts}
    stale = [e for e in tr.summary if e not in wanted]
    for t in texts:
        entry = tr.summary.get(t.english)
        if entry is None:
            old = did_you_mean(t.english, stale) if stale else ""
            hint = f"add it under summary: in {expected_file}"
            if old.startswith("did you mean"):
                hint += f"; its old English text may be {old[len('did you mean '):-1]}"
            out.append(Diagnostic(template_file, t.line, t.col, "RS025",
                                  f"'{t.english}' is not translated into {lang}", hint))
            continue
        line, col = tr.summary_positions.get(t.english, (1, 1))
        if t.english in tr.summary_untranslated and entry in (t.english, (t.english, t.plural)):
            out.append(Diagnostic(tr.file, line, col, "RS025",
                                  f"'{t.english}' is not translated into {lang} yet (still "
                                  "the English text)", "write the translation over the "
                                  "English text"))
            continue
        if (t.plural is not None) != isinstance(entry, tuple):
            out.append(Diagnostic(tr.file, line, col, "RS005",
                                  f"'{t.english}' is a text for a count: translate it with "
                                  "one: and other: forms" if t.plural is not None else
                                  f"'{t.english}' is one text, not one: and other: forms",
                                  "one: is said of 1, other: of every other number"
                                  if t.plural is not None else "write it as one text"))
            continue
        english = placeholders(t.english) | placeholders(t.plural or "")
        for form in (entry if isinstance(entry, tuple) else (entry,)):
            extra = placeholders(form) - english - ({"num"} if t.plural else set())
            if extra:
                out.append(Diagnostic(tr.file, line, col, "RS045",
                                      f"the translation of '{t.english}' has {_names(extra)}, "
                                      f"which its English text does not give",
                                      f"use the English text's placeholders: {_names(english)}"))
                break
    for english in stale:
        line, col = tr.summary_positions.get(english, (1, 1))
        close = difflib.get_close_matches(english, sorted(wanted), n=1, cutoff=0.6)
        out.append(Diagnostic(tr.file, line, col, "RS027",
                              f"'{english}' is not a text of the summary template",
                              f"if the English text is now '{close[0]}', check the translation "
                              "against it and give it that key; otherwise remove it" if close
                              else "remove it, or mark the text in the template", WARNING))
    return out


def check_template_calls(texts: Iterable[TemplateText], template_file: str
                         ) -> list[Diagnostic]:
    """Diagnostics for how the template itself marks its texts, in any language."""
    out: list[Diagnostic] = []
    for t in texts:
        if t.given is None:
            continue
        missing = placeholders(t.english) | placeholders(t.plural or "")
        missing -= t.given | ({"num"} if t.plural is not None else set())
        if missing:
            out.append(Diagnostic(template_file, t.line, t.col, "RS045",
                                  f"the text '{t.english}' has {_names(missing)}, which "
                                  "the call does not give",
                                  "give each placeholder a value, e.g. "
                                  f'_("...", {sorted(missing)[0]}=answers.x)'))
    return out


# --------------------------------------------------------------------------- rule sets


def load_ruleset(text: str, file: str, *, facts: Iterable[str] | None = None,
                 translation: Translation | None = None,
                 warnings: list[Diagnostic] | None = None) -> RuleSet:
    src = _parse(text, file)
    c = _Checker(src)
    data = _localise(src.data, {}, translation)
    c.keys(data, (), RULESET_KEYS, ("id", "rules"), "a rule set")
    rs_id = _check_id(c, data.get("id", ""), ("id",), "rule set id") if "id" in data else ""
    facts = set(facts) if facts is not None else None
    rules: list[Rule] = []
    seen: dict[str, tuple] = {}
    raw_rules = c.typed(data, "rules", (), (list,), "a list of rules", [])
    for i, raw in enumerate(raw_rules):
        path = ("rules", i)
        if not isinstance(raw, dict):
            c.add(path, "RS005", "a rule must be a mapping with id, when and then",
                  "write  - id: ...\n      when: ...\n      then: {tip: ...}")
            continue
        c.keys(raw, path, RULE_KEYS, ("id", "when", "then"), "a rule")
        rid = _check_id(c, raw.get("id", ""), path + ("id",), "rule id")
        if rid in seen:
            c.add(path + ("id",), "RS018", f"duplicate rule id '{rid}'",
                  f"the first is on line {src.at(seen[rid])[0]}; rename one")
        seen.setdefault(rid, path + ("id",))
        cond = c.condition(raw.get("when", "true"), path + ("when",), RULE_NAMES, facts=facts)
        action = _action(c, raw["then"], path + ("then",)) if "then" in raw else None
        on = raw.get("on", [])
        if isinstance(on, str):
            on = [on]
        if not isinstance(on, list) or not all(isinstance(t, str) for t in on):
            c.add(path + ("on",), "RS005", "'on' must be a list of step tags or step ids",
                  "write  on: [goal]  or  on: ['*'] for every step")
            on = []
        if cond is not None and action is not None:
            rules.append(Rule(rid, cond, action, tuple(on), rs_id))
    if c.errors():
        raise LoadError(c.diags)
    if warnings is not None:
        warnings.extend(c.diags)
    return RuleSet(rs_id, tuple(rules), file, str(data.get("description", "")))


def _action(c: _Checker, raw: Any, path: tuple) -> Action | None:
    if not isinstance(raw, dict) or not raw:
        c.add(path, "RS005", "'then' must be a mapping of actions",
              "actions: " + ", ".join(sorted(ACTION_KEYS)))
        return None
    ok = True
    for k in raw:
        if k not in ACTION_KEYS:
            c.add(path + (k,), "RS017", f"unknown action '{k}'", did_you_mean(str(k), ACTION_KEYS),
                  key=True)
            ok = False
    texts = {}
    for key in ("probe", "tip", "notice"):
        if key in raw:
            texts[key] = _text(c, raw, key, path, required=True) or None
    goto, goto_max = None, None
    if "goto" in raw:
        g = raw["goto"]
        if isinstance(g, str):
            goto = g
        elif isinstance(g, dict) and isinstance(g.get("step"), str):
            goto = g["step"]
            goto_max = _bound(c, g.get("max"), path + ("goto", "max"))
        else:
            c.add(path + ("goto",), "RS005", "'goto' must be a step id or {step: id, max: n}",
                  "write  goto: first-step")
    sets = raw.get("set", {})
    if not isinstance(sets, dict):
        c.add(path + ("set",), "RS005", "'set' must be a mapping of names to values",
              "write  set: {needs_deadline: true}")
        sets = {}
    flags = raw.get("flag", [])
    if isinstance(flags, str):
        flags = [flags]
    if not isinstance(flags, list):
        c.add(path + ("flag",), "RS005", "'flag' must be a name or a list of names",
              "write  flag: vague_goal")
        flags = []
    if not ok:
        return None
    return Action(probe=texts.get("probe"), tip=texts.get("tip"), notice=texts.get("notice"),
                  goto=goto, goto_max=goto_max, set=dict(sets), flag=tuple(map(str, flags)))


def _bound(c: _Checker, value: Any, path: tuple) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        c.add(path, "RS038", f"the loop bound must be a whole number of at least 1, not {value!r}",
              "write e.g. max: 3")
        return None
    return value


# --------------------------------------------------------------------------- scripts


def load_script(text: str, file: str, *, rulesets: Mapping[str, RuleSet] | None = None,
                facts: Iterable[str] | None = None, translation: Translation | None = None,
                warnings: list[Diagnostic] | None = None) -> Script:
    """Load one script. `rulesets` are the known rule sets by id (checked if named)."""
    src = _parse(text, file)
    c = _Checker(src)
    facts = set(facts) if facts is not None else None
    data = _localise(src.data, {}, translation)
    c.keys(data, (), SCRIPT_KEYS, ("id", "title", "steps"), "a script")
    sid = _check_id(c, data.get("id", ""), ("id",), "script id") if "id" in data else ""
    title = _text(c, data, "title", (), required=True)
    purpose = _text(c, data, "purpose", ())
    minutes = c.typed(data, "minutes", (), (int,), "a whole number of minutes")
    lang = data.get("lang", "en")
    if lang not in LANGS:
        c.add(("lang",), "RS005", f"unknown language '{lang}'", "use one of: " + ", ".join(LANGS))
    raw_steps = c.typed(data, "steps", (), (list,), "a list of steps", [])
    if "steps" in data and not raw_steps and isinstance(data.get("steps"), list):
        c.add(("steps",), "RS003", "the script has no steps", "add at least one step")

    # Schema pass over steps: ids and keys first, so jumps can be checked against them.
    ids: dict[str, tuple] = {}
    keys: dict[str, tuple] = {}
    for i, raw in enumerate(raw_steps):
        path = ("steps", i)
        if not isinstance(raw, dict):
            c.add(path, "RS005", "a step must be a mapping", "write  - id: ...\n    kind: text")
            continue
        c.keys(raw, path, STEP_KEYS, ("id", "kind", "prompt"), "a step")
        if "id" not in raw:
            continue
        step_id = _check_id(c, raw["id"], path + ("id",), "step id")
        duplicate = step_id in ids
        if duplicate:
            c.add(path + ("id",), "RS007", f"duplicate step id '{step_id}'",
                  f"the first is on line {src.at(ids[step_id])[0]}; rename one")
        else:
            ids[step_id] = path + ("id",)
        key = raw.get("store_as", step_id)
        if duplicate and "store_as" not in raw:
            continue  # the same mistake as RS007; renaming the step fixes both
        if isinstance(key, str) and raw.get("kind") not in ("info", "review"):
            if key in keys:
                c.add(path + ("store_as",) if "store_as" in raw else path + ("id",), "RS030",
                      f"two steps store their answer as '{key}'",
                      f"the other is on line {src.at(keys[key])[0]}; give one a different store_as")
            else:
                keys[key] = path

    answer_names = set(keys)
    steps: list[Step] = []
    for i, raw in enumerate(raw_steps):
        if isinstance(raw, dict) and "id" in raw:
            step = _step(c, raw, ("steps", i), ids, answer_names, facts)
            if step is not None:
                steps.append(step)

    # Rule sets the script names.
    chosen: list[RuleSet] = []
    names = data.get("rules", [])
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list):
        c.add(("rules",), "RS005", "'rules' must be a list of rule set ids", "write  rules: [goal]")
        names = []
    known = rulesets if rulesets is not None else {}
    for j, name in enumerate(names):
        if not isinstance(name, str):
            c.add(("rules", j), "RS005", f"a rule set id must be a name, not "
                  f"{_type_name(type(name))}", "write  rules: [goal, safety]")
        elif name not in known:
            c.add(("rules", j), "RS015", f"unknown rule set '{name}'",
                  did_you_mean(str(name), known))
        else:
            chosen.append(known[name])

    # Semantic checks over the whole script.
    if steps and not c.errors():
        _semantics(c, steps, chosen, src)

    if c.errors():
        raise LoadError(c.diags)
    if warnings is not None:
        warnings.extend(c.diags)
    summary = data.get("summary", "")
    return Script(id=sid, title=title, steps=tuple(steps), purpose=purpose, minutes=minutes,
                  lang=lang, rulesets=tuple(chosen), summary=str(summary or ""), file=file)


def _step(c: _Checker, raw: dict, path: tuple, ids: Mapping[str, tuple],
          answer_names: set[str], facts: Iterable[str] | None = None) -> Step | None:
    kind = raw.get("kind")
    if "kind" not in raw:
        return None  # already reported as a missing key (RS003)
    if not isinstance(kind, str) or kind not in STEP_KINDS:
        c.add(path + ("kind",), "RS006", f"unknown step kind '{kind}'",
              did_you_mean(str(kind), STEP_KINDS))
        return None
    prompt = _text(c, raw, "prompt", path, required=True)
    help_ = _text(c, raw, "help", path)
    multiline = c.typed(raw, "multiline", path, (bool,), "true or false", False)
    required = c.typed(raw, "required", path, (bool,), "true or false", kind in ANSWERABLE)
    tags = raw.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        c.add(path + ("tags",), "RS005", "'tags' must be a list of names", "write  tags: [goal]")
        tags = []
    store_as = raw.get("store_as", "")
    if store_as:
        _check_id(c, store_as, path + ("store_as",), "store_as name")
    min_words = raw.get("min_words")
    if min_words is not None:
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 1:
            c.add(path + ("min_words",), "RS019",
                  f"min_words must be a positive whole number, not {min_words!r}",
                  "write e.g. min_words: 5")
            min_words = None
        elif kind != "text":
            c.add(path + ("min_words",), "RS034", f"min_words has no effect on a {kind} step",
                  "remove it", severity=WARNING)

    options: list[Option] = []
    if kind in ("choice", "multi"):
        raw_opts = raw.get("options")
        if not isinstance(raw_opts, list) or not raw_opts:
            c.add(path + ("options",) if "options" in raw else path, "RS012",
                  f"a {kind} step needs a list of options",
                  "write  options:\n      - {value: career, label: My career}")
        else:
            seen: set[str] = set()
            for j, opt in enumerate(raw_opts):
                value, label = _option_parts(opt)
                if value is None or not label:
                    c.add(path + ("options", j), "RS005", "an option needs a value and a label",
                          "write  - {value: career, label: My career}")
                    continue
                if value in seen:
                    c.add(path + ("options", j), "RS013", f"duplicate option value '{value}'",
                          "each option needs its own value")
                seen.add(value)
                options.append(Option(value, label))

    lo, hi, labels = 1, 5, {}
    if kind == "scale":
        lo = c.typed(raw, "min", path, (int,), "a whole number", 1)
        hi = c.typed(raw, "max", path, (int,), "a whole number", 5)
        if lo >= hi:
            c.add(path + ("max",) if "max" in raw else path, "RS014",
                  f"the scale runs from {lo} to {hi}", "max must be larger than min")
        raw_labels = c.typed(raw, "labels", path, (dict,), "a mapping of numbers to labels", {})
        for n, label in raw_labels.items():
            if isinstance(n, bool) or not isinstance(n, int) or not lo <= n <= hi:
                c.add(path + ("labels", n), "RS014", f"label {n!r} is outside the scale {lo}-{hi}",
                      f"use a whole number from {lo} to {hi}", key=True)
            elif isinstance(label, str):
                labels[n] = label

    when = None
    if "when" in raw:
        when = c.condition(raw["when"], path + ("when",), SCRIPT_NAMES, answers=answer_names,
                           facts=facts)
    branches: list[Branch] = []
    nxt = raw.get("next")
    if nxt is not None:
        items = [nxt] if isinstance(nxt, (str, dict)) else nxt
        if not isinstance(items, list):
            c.add(path + ("next",), "RS005", "'next' must be a step id or a list of branches",
                  "write  next: [{when: answers.x == 'y', goto: some-step}, {goto: other}]")
            items = []
        for j, item in enumerate(items):
            bpath = path + ("next",) if isinstance(nxt, (str, dict)) else path + ("next", j)
            if isinstance(item, str):
                item = {"goto": item}
            if not isinstance(item, dict):
                c.add(bpath, "RS005", "a branch must be a mapping with goto (and when)",
                      "write  - {when: ..., goto: step-id}")
                continue
            c.keys(item, bpath, BRANCH_KEYS, ("goto",), "a branch")
            goto = item.get("goto")
            if goto is not None and (not isinstance(goto, str) or goto not in ids):
                c.add(bpath + ("goto",), "RS008", f"no step '{goto}' to go to",
                      did_you_mean(str(goto), ids))
                continue
            cond = None
            if "when" in item:
                cond = c.condition(item["when"], bpath + ("when",), SCRIPT_NAMES,
                                   answers=answer_names, facts=facts)
            bound = _bound(c, item.get("max"), bpath + ("max",))
            if goto is not None:
                branches.append(Branch(str(goto), cond, bound))
    return Step(id=str(raw["id"]), kind=kind, prompt=prompt, help=help_, multiline=multiline,
                options=tuple(options), min=lo, max=hi, labels=labels, required=required,
                min_words=min_words, store_as=str(store_as or ""), when=when,
                next=tuple(branches), tags=tuple(tags))


def _semantics(c: _Checker, steps: list[Step], rulesets: list[RuleSet], src: Source) -> None:
    index = {s.id: i for i, s in enumerate(steps)}
    raw_index = {}
    for i, raw in enumerate(src.data.get("steps") or []):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            raw_index.setdefault(raw["id"], i)

    def spath(step_id: str, *rest: Any) -> tuple:
        return ("steps", raw_index.get(step_id, 0), *rest)

    # Loops: a jump to this step or an earlier one needs a bound.
    for s in steps:
        for j, b in enumerate(s.next):
            if index[b.goto] <= index[s.id] and b.max is None:
                single = len(s.next) == 1 and not isinstance(
                    src.data["steps"][raw_index[s.id]].get("next"), list)
                where = spath(s.id, "next") if single else spath(s.id, "next", j)
                c.add(where, "RS011", f"the jump from '{s.id}' back to '{b.goto}' has no bound",
                      "add  max: N  (how often the loop may run) to this branch")

    # Rule jumps must name a step of this script; a backward rule jump needs a bound too.
    named = src.data.get("rules")
    for rs in rulesets:
        # Point at the rule set's name in the script's `rules:` list.
        where = ("rules", named.index(rs.id)) if isinstance(named, list) and rs.id in named \
            else ("rules",)
        for rule in rs.rules:
            g = rule.then.goto
            if g is not None and g not in index:
                c.add(where, "RS033",
                      f"rule '{rule.id}' of rule set '{rs.id}' jumps to '{g}', "
                      f"which this script does not have",
                      f"add a step '{g}' or leave the rule set out ({rs.file})")

    # Review: exactly one, last.
    reviews = [s for s in steps if s.kind == "review"]
    if not reviews:
        c.add(("steps",), "RS023", "the script has no review step",
              "end with  - id: review\n    kind: review\n    prompt: ...", severity=WARNING)
    for r in reviews:
        if r is not steps[-1]:
            c.add(spath(r.id, "kind"), "RS031", f"the review step '{r.id}' is not the last step",
                  "move it to the end of the steps")

    # Reachability from the first step.
    reachable: set[str] = set()
    todo = [steps[0].id]
    gotos = {r.then.goto for rs in rulesets for r in rs.rules if r.then.goto}
    while todo:
        sid = todo.pop()
        if sid in reachable:
            continue
        reachable.add(sid)
        s = steps[index[sid]]
        for b in s.next:
            todo.append(b.goto)
        unconditional = any(b.when is None for b in s.next)
        if not unconditional and index[sid] + 1 < len(steps):
            todo.append(steps[index[sid] + 1].id)
        for g in gotos:
            if g in index:
                todo.append(g)
    for s in steps:
        if s.id not in reachable:
            c.add(spath(s.id, "id"), "RS024", f"step '{s.id}' can never be reached",
                  "the step before it always jumps elsewhere; add a branch to it or remove it",
                  severity=WARNING)
