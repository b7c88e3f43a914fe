"""The key help: every key of the screen underneath and the app-wide keys, translated.

It reads the same `KEYS` lists the screens bind, so it cannot list a key that does not
work. Escape, Enter or ? closes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ...i18n import t
from ..keys import Key, label

if TYPE_CHECKING:
    from ..app import ReflectApp


class KeysScreen(ModalScreen[None]):
    CSS_PATH = "modals.tcss"  # read when first shown (app.tcss holds only home's)
    BINDINGS = [Binding("escape,enter,question_mark,f1,q", "dismiss", show=False)]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        app: ReflectApp = self.app  # type: ignore[assignment]
        lang = app.lang
        with VerticalScroll(id="keys"):
            yield Label(t("Keys", lang), id="keys-title", markup=False)
            here: list[Key] = list(getattr(self.under, "KEYS", []))
            if here:
                yield Label(t("On this screen", lang), classes="keys-section", markup=False)
                yield Static(_table(here, app, lang))
            yield Label(t("Everywhere", lang), classes="keys-section", markup=False)
            yield Static(_table(app.KEYS, app, lang))
            yield Static(t("The mouse works too: click an item, a button or a key in the bottom "
                           "bar.", lang), classes="hint", markup=False)

    def action_dismiss(self) -> None:
        self.dismiss(None)


def _table(keys: list[Key], app: ReflectApp, lang: str) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold")
    table.add_column()
    for key in keys:
        shown = " / ".join(app.get_key_display(Binding(k.strip(), key.action))
                           for k in key.keys.split(","))
        table.add_row(Text(shown), Text(label(key.label, lang)))
    return table
