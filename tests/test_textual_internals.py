"""What `assistant.tui.textual_internals` relies on in Textual's private API.

These fail loudly when a Textual release changes it: then adapt or drop that piece of
`textual_internals` before upgrading (each saves measured time in every dialogue turn).
"""

from __future__ import annotations

import inspect

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

from assistant.tui.textual_internals import FooterKey, OneLayout


def test_widget_size_updated_keeps_the_signature_one_layout_overrides():
    params = list(inspect.signature(Widget._size_updated).parameters.values())
    assert [p.name for p in params] == ["self", "size", "virtual_size", "container_size",
                                        "layout"]
    assert params[-1].default is True


class Counted(Widget):
    def __init__(self, id: str) -> None:  # noqa: A002 - as Widget calls it
        super().__init__(id=id)
        self.changes = 0

    def watch_virtual_size(self) -> None:
        self.changes += 1


class Once(OneLayout, Counted):
    pass


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Counted(id="plain")
        yield Once(id="once")


async def test_one_layout_takes_a_new_virtual_size_without_asking_for_a_layout():
    """Textual sets a changed virtual size through its (layout) reactive; with
    `layout=False` it sets it without the reactive's watchers, which is all OneLayout
    wants. If this changes, OneLayout no longer saves the second layout."""
    app = Host()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        for widget in app.query(Counted):
            widget.changes = 0
            changed = widget._size_updated(Size(20, 3), Size(20, 9), Size(40, 10))
            assert changed is True
            assert widget.virtual_size == Size(20, 9)
        assert app.query_one("#plain", Counted).changes == 1
        assert app.query_one("#once", Counted).changes == 0


class Keys(App[None]):
    BINDINGS = [Binding("x", "nothing", "Nothing"), Binding("y", "off", "Off")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "off" else True

    def compose(self) -> ComposeResult:
        yield Footer()


async def test_footer_is_made_of_footer_keys_as_key_footer_updates_them():
    params = list(inspect.signature(FooterKey.__init__).parameters)
    assert params == ["self", "key", "key_display", "description", "action", "disabled",
                      "tooltip", "classes"]
    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        keys = {key.key: key for key in app.query(FooterKey)}
        assert {"x", "y"} <= set(keys)
        assert (keys["x"].key_display, keys["x"].description, keys["x"].action) == (
            "x", "Nothing", "nothing")
        assert not keys["x"].has_class("-disabled")
        assert keys["y"].has_class("-disabled")  # how KeyFooter reads a key's state
