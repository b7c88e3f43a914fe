"""The engine's own words (re-ask messages, warnings), marked for the gettext catalogs.

The core does no I/O, so it reads no catalog: it marks its sentences here (`N_`,
`Nn_` for a count, found by `make extract`) and says them through the `Words` it is
given, the catalog of the session's language that the service building the stepper
passes in (`assistant.i18n.translation(lang)`). Without one it speaks English.
"""

from __future__ import annotations

from typing import Protocol


def N_(message: str) -> str:  # noqa: N802 - the gettext name for "mark, translate later"
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    return singular, plural


class Words(Protocol):
    """What the stepper needs of a catalog (`gettext.NullTranslations` and its kin)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class English:
    """The message ids themselves, with English's plural rule."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


REQUIRED = N_("This one needs an answer. Write a few words, or go back.")
CHOOSE_ONE = N_("Please choose one of the numbers 1 to {n}.")
CHOOSE_MANY = N_("Choose one or more numbers from 1 to {n}, separated by commas.")
SCALE = N_("Please give a whole number from {lo} to {hi}.")
YESNO = N_("Please answer yes or no.")
MAY_SKIP = N_("You can skip this question for now and come back to it later.")
MIN_WORDS = Nn_("That is brief ({n} word). A few more words may help you later; you can "
                "come back and add them.",
                "That is brief ({n} words). A few more words may help you later; you can "
                "come back and add them.")
YES = N_("yes")
NO = N_("no")
SKIPPED = N_("(skipped)")

YES_WORDS = {"y", "yes", "j", "ja", "true", "1", "yeah", "jo"}
NO_WORDS = {"n", "no", "nein", "nej", "false", "0", "nope"}


def say(words: Words, message: str, **params: object) -> str:
    """`message` through `words`, its placeholders filled."""
    text = words.gettext(message)
    return text.format(**params) if params else text


def say_n(words: Words, forms: tuple[str, str], n: int, **params: object) -> str:
    """The form of `forms` that `n` takes, through `words`, with `{n}` filled."""
    return words.ngettext(forms[0], forms[1], n).format(n=n, **params)
