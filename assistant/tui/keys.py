"""Key bindings whose footer labels follow the app's language.

Reflect's screens (and the app) declare `KEYS` (keys, action, English label, shown in
the footer?, priority?, key display) instead of `BINDINGS`. Each becomes a class-level
Textual `Binding` whose description is the English label; `ReflectScreen` puts it
into words as the footer and the key panel read the screen's `active_bindings`, in the
screen's language. So a language switch is a `refresh_bindings()`, and nothing is
rebound. The key help screen reads the same `KEYS`, so footer, help and behaviour
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from textual.binding import Binding


class Key(NamedTuple):
    keys: str
    action: str
    label: str  # an English message id, marked with N_ (said with i18n.t)
    show: bool = True
    priority: bool = False
    display: str | None = None

    def binding(self) -> Binding:
        """The class-level binding: its description is the label's key, put into
        words when shown (`described`)."""
        return Binding(self.keys, self.action, self.label, show=self.show,
                       key_display=self.display, priority=self.priority)


def bindings(keys: list[Key]) -> list[Binding]:
    return [key.binding() for key in keys]


def label(key: str, lang: str) -> str:
    """The words of a key's label (an English message id) in `lang`."""
    from ..i18n import t

    return t(key, lang) if key else key  # gettext("") would be the catalog's header


_DESCRIBED: dict[tuple[Binding, str], Binding] = {}


def described(binding: Binding, lang: str) -> Binding:
    """`binding` with its description in `lang` (the same object if the words are the
    same, as for English)."""
    try:
        return _DESCRIBED[binding, lang]
    except KeyError:
        pass
    except TypeError:  # a binding that cannot be hashed: translate it every time
        return _describe(binding, lang)
    out = _DESCRIBED[binding, lang] = _describe(binding, lang)
    return out


def _describe(binding: Binding, lang: str) -> Binding:
    text = label(binding.description, lang)
    return binding if text == binding.description else replace(binding, description=text)
