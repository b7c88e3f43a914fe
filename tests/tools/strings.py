"""Keep the German and Danish string tables beside their English sources in step.

    python tests/tools/strings.py check  [FILE...]   list missing / outdated / unstamped ids
    python tests/tools/strings.py stamp  [FILE...]   add `source:` where a string has none
    python tests/tools/strings.py skeleton FILE LANG  print the ids a table still lacks

Translations are written by hand. This tool never writes a translated text and never
re-stamps a string that already has a `source:`, so an edited English text still shows
up as outdated (RS026) until a person has looked at the translation again. `stamp` only
fills in the fingerprint of strings that were just written and have no `source:` yet.
Without FILE arguments it works on every source file in prompts/ and rules/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.core import LANGS as ALL_LANGS  # noqa: E402
from assistant.core.loader import ruleset_strings, script_strings, source_hash  # noqa: E402

LANGS = tuple(lang for lang in ALL_LANGS if lang != "en")  # the translated ones


def sources(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    out = []
    for folder in ("prompts", "rules"):
        for p in sorted((ROOT / folder).glob("*.yaml")):
            if len(p.name.split(".")) == 2:
                out.append(p)
    return out


def strings_of(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return script_strings(data) if "steps" in data else ruleset_strings(data)


def table_path(path: Path, lang: str) -> Path:
    return path.with_name(f"{path.stem}.{lang}.yaml")


def dump_table(of: str, lang: str, strings: dict[str, dict]) -> str:
    lines = [f"translation_of: {of}", f"lang: {lang}", "strings:"]
    for sid, entry in strings.items():
        text = yaml.safe_dump(entry["text"], allow_unicode=True, width=10_000,
                              default_style='"').strip()
        if text.endswith("..."):
            text = text[:-3].strip()
        src = entry.get("source")
        # Quoted, so that a fingerprint of digits only stays text (01234567 is octal to YAML).
        tail = f', source: "{src}"' if src else ""
        lines.append(f"  {sid}: {{text: {text}{tail}}}")
    return "\n".join(lines) + "\n"


def check(paths: list[Path], stamp: bool) -> int:
    problems = 0
    for path in paths:
        source = strings_of(path)
        for lang in LANGS:
            tp = table_path(path, lang)
            if not tp.exists():
                print(f"{tp}: missing file")
                problems += 1
                continue
            data = yaml.safe_load(tp.read_text(encoding="utf-8"))
            table = data.get("strings") or {}
            changed = False
            ordered: dict[str, dict] = {}
            for sid, text in source.items():
                entry = table.get(sid)
                if entry is None:
                    print(f"{tp}: missing {sid}: {text!r}")
                    problems += 1
                    continue
                if not isinstance(entry.get("source"), str):
                    changed = True  # rewrite it quoted
                if not entry.get("source"):
                    if stamp:
                        entry["source"] = source_hash(text)
                        changed = True
                    else:
                        print(f"{tp}: unstamped {sid}")
                        problems += 1
                elif str(entry["source"]) != source_hash(text):
                    print(f"{tp}: outdated {sid}: English now {text!r}")
                    problems += 1
                ordered[sid] = entry
            for sid in table:
                if sid not in source:
                    print(f"{tp}: stray {sid}")
                    problems += 1
                    ordered[sid] = table[sid]
            if changed or list(ordered) != list(table):
                tp.write_text(dump_table(data["translation_of"], lang, ordered), encoding="utf-8")
    return problems


def skeleton(path: Path, lang: str) -> None:
    source = strings_of(path)
    tp = table_path(path, lang)
    table = {}
    if tp.exists():
        table = (yaml.safe_load(tp.read_text(encoding="utf-8")) or {}).get("strings") or {}
    for sid, text in source.items():
        if sid not in table:
            print(f"  {sid}: {{text: {text!r}}}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "stamp", "skeleton"):
        print(__doc__)
        return 2
    if argv[0] == "skeleton":
        skeleton(Path(argv[1]), argv[2])
        return 0
    problems = check(sources(argv[1:]), stamp=argv[0] == "stamp")
    print(f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
