"""What every Reflect screen shares: the app's language and its translated keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from ..keys import Key, bindings, described

if TYPE_CHECKING:
    from ..app import ReflectApp


class ReflectScreen(Screen):
    """A screen of Reflect. `KEYS` become its bindings, shown in the screen's language."""

    KEYS: ClassVar[list[Key]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Before Textual's own __init_subclass__, which merges the class's BINDINGS.
        if "KEYS" in cls.__dict__:
            cls.BINDINGS = [*cls.__dict__.get("BINDINGS", []), *bindings(cls.KEYS)]
        super().__init_subclass__(**kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = self.reflect.lang

    @property
    def reflect(self) -> ReflectApp:
        return self.app  # type: ignore[return-value]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, their descriptions in this screen's language (the
        footer and Textual's key panel show these)."""
        lang = self.lang
        return {key: active._replace(binding=described(active.binding, lang))
                for key, active in super().active_bindings.items()}

    def footer_bindings(self) -> list[Binding]:
        """This screen's own keys in the order declared, translated (the footer places
        the keys `check_action` hides for now by this order)."""
        lang = self.lang
        return [described(b, lang) for b in Binding.make_bindings(self.BINDINGS)]
