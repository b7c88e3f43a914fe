"""The app's own words, through gettext: one domain (`reflect`), English source strings.

Scripts carry their own translations (string tables beside each script); this module
holds what the program itself says: labels, hints, keys, commands, notices. The English
text in the code is the message id; `assistant/locale/{de,da}/LC_MESSAGES/reflect.po`
holds the German and Danish ones, with each language's plural rule in its header.

    t("Deleted session {id}.", lang, id=...)              a sentence
    tn("{n} answer", "{n} answers", n, lang)                a sentence with a count
    tc("command", "Home", lang)                             the same English, said otherwise
    N_("Quit")                                              marked here, said later with t()

Every call names its language: the TUI switches language while it runs, and plain mode,
pair mode and the CLI each have their own. `make catalogs` extracts the ids from the code
(Babel, `babel.cfg`), merges them into the .po files and compiles the .mo files the app
reads; `tests/test_catalogs.py` fails when an id lacks a German or Danish text, when a
text's `{placeholders}` differ from the English, or when a .mo is older than its .po.
A language without a catalog (English) gets the id itself, so English needs no file.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from .core import LANGS  # the one list of languages (English is the source)

__all__ = ["LANGS", "LANG_NAMES", "N_", "Nn_", "error_text", "language", "role_name", "t",
           "tc", "tn", "translation"]
LANG_NAMES = {"en": "English", "de": "Deutsch", "da": "Dansk"}
DOMAIN = "reflect"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_loaded: dict[str, gettext.NullTranslations] = {}


def language(lang: object, default: str = "en") -> str:
    """`lang` if it is one of `LANGS`, else `default` (the one language choice of the app:
    its words, the scripts' string tables and the analysis all take what this returns)."""
    return lang if isinstance(lang, str) and lang in LANGS else default


def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` (loaded once); English and unknown languages: the ids."""
    found = _loaded.get(lang)
    if found is None:
        if lang == "en" or lang not in LANGS:
            found = gettext.NullTranslations()
        else:
            found = gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)
        _loaded[lang] = found
    return found


def N_(message: str) -> str:  # noqa: N802 - the gettext name for "mark, translate later"
    """Mark `message` for the catalogs without translating it (said later with `t`)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a singular/plural pair for the catalogs (said later with `tn`)."""
    return singular, plural


def _fill(text: str, params: dict[str, object]) -> str:
    return text.format(**params) if params else text


def t(message: str, lang: str, /, **params: object) -> str:
    """`message` in `lang`, its `{placeholders}` filled from `params`."""
    return _fill(translation(lang).gettext(message), params)


def tn(singular: str, plural: str, n: int, lang: str, /, **params: object) -> str:
    """The form of `singular`/`plural` that `n` takes in `lang` (the catalog's plural
    rule), with `{n}` and the other placeholders filled."""
    return _fill(translation(lang).ngettext(singular, plural, n), {"n": n, **params})


def tc(context: str, message: str, lang: str, /, **params: object) -> str:
    """`message` in `lang` where the same English is said differently in `context`."""
    return _fill(translation(lang).pgettext(context, message), params)


#: The two roles of a pair, as the front ends name them in a sentence.
ROLE_NAMES = {"mentor": N_("mentor"), "mentee": N_("mentee")}


def role_name(role: str, lang: str) -> str:
    """A pair role ("mentor", "mentee") as `lang` names it in a sentence."""
    return t(ROLE_NAMES[role], lang) if role in ROLE_NAMES else role


def error_text(exc: BaseException, lang: str, *, wrap: str = "") -> str:
    """What to show for `exc` in `lang`.

    A `UserError` with a `key` (its message id, marked with N_ where it is raised) is
    said in `lang`, its `params` filled in (a `role` param as the role's name in `lang`).
    Anything else is said as it is (a UserError's English `message`), inside `wrap`
    (a message id with an `{error}`) when one is given, e.g. "That did not work: ...".
    """
    from .core.errors import UserError

    if isinstance(exc, UserError) and exc.key:
        params = dict(exc.params)
        role = str(params.get("role", ""))
        if role:
            params["role"] = role_name(role, lang)
        try:
            return translation(lang).gettext(exc.key).format(**params)
        except (KeyError, IndexError, ValueError):
            pass  # a param the text wants is missing: say it in English instead
    text = exc.message if isinstance(exc, UserError) else str(exc)
    return t(wrap, lang, error=text) if wrap else text


#: What a note of a turn is called in front of its text (the stepper's Note kinds).
NOTE_LABELS = {"tip": N_("Tip"), "notice": N_("Please note"), "warning": N_("Note")}
