"""The TUI's own string table: every key in en, de and da, with the same placeholders."""

from __future__ import annotations

import string

from assistant.tui.strings import LANGS, STRINGS, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_every_language():
    missing = [(key, lang) for key, table in STRINGS.items() for lang in LANGS
               if not table.get(lang, "").strip()]
    assert missing == []


def test_placeholders_agree():
    wrong = [key for key, table in STRINGS.items()
             if len({frozenset(_fields(table[lang])) for lang in LANGS}) != 1]
    assert wrong == []


def test_every_key_the_tui_uses_exists():
    """Scan the TUI sources for t("...") calls and Key(..., "label") entries."""
    import re
    from pathlib import Path

    import assistant.tui as tui

    used: set[str] = set()
    for path in Path(tui.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"from \.+strings import", text):
            continue  # e.g. modules that use assistant.i18n instead
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_]+)"', text))
        used |= set(re.findall(r'Key\([^)]*?"(key\.[a-z_]+)"', text))
    assert used, "the scan found nothing"
    assert sorted(used - STRINGS.keys()) == []


def test_fallback_and_params():
    assert t("home.minutes", "de", n=10) == "~10 Min."
    assert t("key.quit", "xx") == "Quit"
