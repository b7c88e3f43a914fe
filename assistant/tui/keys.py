"""Key bindings whose footer labels follow the app's language.

Textual reads `BINDINGS` once per class, with fixed descriptions. Reflect's screens
declare `KEYS` instead (keys, action, string-table key, shown in the footer?, priority?)
and `install()` binds them with the description in the current language. The key help
screen reads the same `KEYS`, so footer, help and behaviour cannot drift apart.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.dom import DOMNode

from ..i18n import t


class Key(NamedTuple):
    keys: str
    action: str
    label: str  # an English message id, marked with N_ (said with i18n.t)
    show: bool = True
    priority: bool = False
    display: str | None = None


def install(node: DOMNode, keys: list[Key], lang: str) -> None:
    """(Re)bind `keys` on `node` with descriptions in `lang`."""
    bindings = node._bindings  # noqa: SLF001 - BindingsMap.bind is public; the map is not
    for key in keys:
        for name in key.keys.split(","):
            bindings.key_to_bindings.pop(name.strip(), None)
        bindings.bind(key.keys, key.action, t(key.label, lang), show=key.show,
                      priority=key.priority, key_display=key.display)
