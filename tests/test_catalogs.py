"""The app's own words: one gettext domain, English ids in the code, de and da catalogs.

Extraction runs here exactly as `make extract` runs it (pybabel with babel.cfg), so a
message added to the code without a German or Danish text fails, as does a text whose
`{placeholders}` differ from the English (the app would crash on .format or lose a
value), a changed English id (its translation goes fuzzy), a plural without all its
forms, and a committed .mo that no longer matches its .po (`make catalogs` forgotten).
"""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assistant import i18n
from assistant.i18n import t, tc, tn

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ("de", "da")


def _po_path(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages of the code, extracted the way the Makefile does."""
    pot = tmp_path_factory.mktemp("pot") / "reflect.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"),
                                "-o", str(pot),
                                str(ROOT / "assistant")])
    with pot.open("rb") as f:
        return list(read_po(f))[1:]  # [0] is the header


@pytest.fixture(scope="module")
def catalogs():
    out = {}
    for lang in TRANSLATED:
        with _po_path(lang).open("rb") as f:
            out[lang] = read_po(f, locale=lang)
    return out


def _forms(value: str | tuple | list) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_extraction_finds_the_apps_words(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted}
    # one from each front end and the core, so a broken babel.cfg cannot pass as "nothing
    # to translate"
    assert {"Quit", "Your answers so far:", "Please answer yes or no.",
            "{name} ({role}): {answered} of {total} answered"} <= ids
    assert len(ids) > 250


def test_every_message_has_a_german_and_a_danish_text(extracted, catalogs):
    missing = []
    for msg in extracted:
        for lang, cat in catalogs.items():
            entry = cat.get(msg.id, context=msg.context)
            if entry is None or entry.fuzzy or not all(s.strip() for s in _forms(entry.string)):
                missing.append((lang, msg.context, msg.id))
    assert missing == [], "translate these (make catalogs adds them to the .po files)"


def test_no_catalog_keeps_words_the_code_no_longer_says(extracted, catalogs):
    said = {(m.context, m.id) for m in extracted}
    for lang, cat in catalogs.items():
        stale = [(m.context, m.id) for m in list(cat)[1:] if (m.context, m.id) not in said]
        assert stale == [], f"{lang}: run make catalogs"


def test_placeholders_agree_with_the_english(catalogs):
    wrong = []
    for lang, cat in catalogs.items():
        for msg in list(cat)[1:]:
            english = {frozenset(_fields(s)) for s in _forms(msg.id)}
            for form in _forms(msg.string):
                if frozenset(_fields(form)) not in english:
                    wrong.append((lang, msg.id, form))
    assert wrong == []


def test_plural_rules_are_those_of_german_and_danish(catalogs):
    for lang, cat in catalogs.items():
        assert cat.plural_forms == "nplurals=2; plural=(n != 1);", lang
        plurals = [m for m in list(cat)[1:] if m.pluralizable]
        assert plurals and all(len(m.string) == 2 for m in plurals), lang


def test_the_committed_mo_files_are_compiled_from_the_po_files(catalogs):
    for lang, cat in catalogs.items():
        compiled = io.BytesIO()
        write_mo(compiled, cat, use_fuzzy=False)
        mo = _po_path(lang).with_suffix(".mo")
        assert mo.read_bytes() == compiled.getvalue(), f"{lang}: run make catalogs"


def test_words_in_each_language():
    assert t("Quit", "de") == "Beenden"
    assert t("Quit", "da") == "Afslut"
    assert t("Quit", "en") == "Quit"
    assert t("Quit", "xx") == "Quit"  # an unknown language says the English
    assert t("Deleted session {id}.", "de", id="ab12") == "Sitzung ab12 gelöscht."


def test_plurals_follow_the_count():
    assert tn("{n} answer", "{n} answers", 1, "en") == "1 answer"
    assert tn("{n} answer", "{n} answers", 0, "en") == "0 answers"
    assert tn("{n} answer", "{n} answers", 1, "de") == "1 Antwort"
    assert tn("{n} answer", "{n} answers", 3, "de") == "3 Antworten"
    assert tn("{n} session · Enter opens the summary",
              "{n} sessions · Enter opens the summary", 1, "da") == \
        "1 session · Enter åbner opsummeringen"
    assert tn("{n} session · Enter opens the summary",
              "{n} sessions · Enter opens the summary", 2, "da") == \
        "2 sessioner · Enter åbner opsummeringen"


def test_the_same_english_said_otherwise_in_a_context():
    assert t("Home", "de") == "Start"  # the footer key
    assert tc("command", "Home", "de") == "Startseite"  # the palette's command


def test_one_language_list():
    assert i18n.LANGS == ("en", "de", "da")
    assert i18n.language("da") == "da"
    assert i18n.language("fr") == "en"
    assert i18n.language(None, "de") == "de"
