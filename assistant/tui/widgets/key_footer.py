"""A Footer that rebuilds its keys only when the keys themselves change.

Textual's `Footer` recomposes (unmounts, creates, mounts and styles every `FooterKey`)
on every `refresh_bindings()`, and the screen calls that on every focus change. In a
dialogue that happens on every turn, while the keys shown are nearly always the same.
`KeyFooter` compares what it would show with what it shows: if nothing changed it does
nothing; if keys were only enabled/disabled, or hidden/shown again (Back and Skip come
and go with the step), it updates those `FooterKey`s in place. Anything else (a new
key, another language, grouped bindings) recomposes as `Footer` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

#: (key, key display, description, action, tooltip) of one FooterKey; and enabled.
Ident = tuple[str, str, str, str, str]
Item = tuple[Ident, bool]


def _slot(ident: Ident) -> tuple[str, str, str]:
    """What makes a FooterKey the same key: action, description, tooltip. Its key may
    change in place (an action bound to `?` and F1 shows either, depending on focus)."""
    return ident[3], ident[2], ident[4]


class KeyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._composed: list[Ident] | None = []
        self._pending = False

    def compose(self) -> ComposeResult:
        items = self._items() if self._bindings_ready else []
        self._composed = None if items is None else [ident for ident, _ in items]
        yield from super().compose()

    def _items(self) -> list[Item] | None:
        """What `Footer.compose` would show, in its order; None for grouped bindings
        (composed as `Footer` does, not updated in place)."""
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, Item] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            if binding.action not in by_action:
                ident = (binding.key, app.get_key_display(binding), binding.description,
                         binding.action, tooltip or "")
                by_action[binding.action] = (ident, enabled)
        items = list(by_action.values())
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                ident = (binding.key, app.get_key_display(binding), binding.description,
                         binding.action, binding.tooltip or binding.description)
                items.append((ident, enabled))
        return items

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        items = self._items()
        keys = list(self.query_children(FooterKey))
        composed = self._composed

        if items is None or composed is None or len(keys) != len(composed):
            await self.recompose()
            return
        # Every key to show must already be there, in the same order.
        slots = [_slot(ident) for ident in composed]
        shown: dict[int, Item] = {}
        at = 0
        for item in items:
            try:
                at = slots.index(_slot(item[0]), at)
            except ValueError:
                await self.recompose()
                return
            shown[at] = item
            at += 1
        for i, key in enumerate(keys):
            visible = i in shown
            if key.display != visible:
                key.display = visible
            if not visible:
                continue
            (name, display, *_), enabled = shown[i]
            if (key.key, key.key_display) != (name, display):
                key.key, key.key_display = name, display
                composed[i] = shown[i][0]
                key.refresh(layout=True)
            if key._disabled == enabled:  # noqa: SLF001 - FooterKey keeps it there
                key._disabled = not enabled  # noqa: SLF001
                key.set_class(not enabled, "-disabled")
