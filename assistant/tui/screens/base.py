"""What every Reflect screen shares: the app's language and its translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.screen import Screen

from ..keys import Key, install

if TYPE_CHECKING:
    from ..app import ReflectApp


class ReflectScreen(Screen):
    """A screen of Reflect. `KEYS` are bound with labels in the app's language."""

    KEYS: ClassVar[list[Key]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = self.reflect.lang
        if self.KEYS:
            install(self, self.KEYS, self.lang)

    @property
    def reflect(self) -> ReflectApp:
        return self.app  # type: ignore[return-value]
