"""What `assistant.tui.textual_internals` relies on in Textual's private API.

These fail loudly when a Textual release changes it: then adapt or drop that piece of
`textual_internals` before upgrading (it saves measured time in every dialogue turn).
"""

from __future__ import annotations

import inspect

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from assistant.tui.textual_internals import FooterKey


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
