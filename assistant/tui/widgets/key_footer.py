"""A Footer that rebuilds its keys only when the keys themselves change.

Textual's `Footer` recomposes (unmounts, creates, mounts and styles every `FooterKey`)
on every `refresh_bindings()`, and the screen calls that on every focus change. In a
dialogue that happens on every turn, while the keys shown are nearly always the same.
`KeyFooter` compares what it would show with what it shows: if nothing changed it does
nothing; if keys were only hidden/shown again (Back and Skip come and go with the step)
or show another key for the same action, it updates those `FooterKey`s in place.
Anything else (a new key, another language, grouped bindings, a key enabled or
disabled) recomposes as `Footer` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Footer

from ..textual_internals import FooterKey

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
        self._shown_items: list[Item] = []
        self._pending = False

    def compose(self) -> ComposeResult:
        items = self._items() if self._bindings_ready else []
        if items is None:  # grouped bindings: as Footer does
            self._composed = None
            yield from super().compose()
            return
        # Keys the screen hides for now (Back, Skip) are composed too, hidden, so
        # that showing them later is an update in place, not a new footer.
        items = self._with_hidden(items)
        self._composed = [ident for ident, _ in items]
        self.styles.grid_size_columns = len(items)
        shown = {id(item) for item in self._shown_items}
        for item in items:
            (key, display, description, action, tooltip), enabled = item
            palette = action == "command_palette"
            footer_key = FooterKey(key, display, description, action, disabled=not enabled,
                                   tooltip=tooltip,
                                   classes="-command-palette" if palette else "")
            if not palette:
                # Reflect never changes the footer's `compact`: set, not bound (a binding
                # restyles each key twice as it is mounted, ~1 ms a key at start-up).
                footer_key.set_reactive(FooterKey.compact, self.compact)
            if id(item) not in shown:
                footer_key.display = False
            yield footer_key

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

    def _with_hidden(self, items: list[Item]) -> list[Item]:
        """`items` and, in the screen's order, the screen's own footer keys that its
        `check_action` hides at the moment (those are not in `active_bindings`)."""
        self._shown_items = list(items)
        present = {ident[3] for ident, _ in items}
        declared: list[Item] = []
        screen = self.screen
        own = getattr(screen, "footer_bindings", None)
        for binding in own() if own is not None else Binding.make_bindings(screen.BINDINGS):
            if binding.show and binding.group is None and all(
                    d[0][3] != binding.action for d in declared):
                ident = (binding.key, self.app.get_key_display(binding),
                         binding.description, binding.action, binding.tooltip or "")
                declared.append((ident, False))
        out = list(items)
        for i, item in enumerate(declared):
            if item[0][3] in present:
                continue
            # After the nearest declared key before it that is there, else before the
            # nearest one after it; else leave it out (nothing to place it by).
            before = [d[0][3] for d in declared[:i] if d[0][3] in present]
            after = [d[0][3] for d in declared[i + 1:] if d[0][3] in present]
            actions = [ident[3] for ident, _ in out]
            if before:
                at = actions.index(before[-1]) + 1
            elif after:
                at = actions.index(after[0])
            else:
                continue
            out.insert(at, item)
            present.add(item[0][3])
        return out

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
        # A key that is enabled or disabled now is made anew, as Footer does (its state
        # is set when a FooterKey is made; it happens rarely, unlike showing or hiding).
        if any(keys[i].has_class("-disabled") == enabled
               for i, (_ident, enabled) in shown.items()):
            await self.recompose()
            return
        for i, key in enumerate(keys):
            visible = i in shown
            if key.display != visible:
                key.display = visible
            if not visible:
                continue
            (name, display, *_), _enabled = shown[i]
            if (key.key, key.key_display) != (name, display):
                key.key, key.key_display = name, display
                composed[i] = shown[i][0]
                key.refresh(layout=True)
