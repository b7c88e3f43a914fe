"""Every use of Textual's private API in Reflect, in this one module.

Reflect uses Textual's public API everywhere else. What is here stays only because it
saves a measured amount of time in every dialogue turn (figures in the README's
Performance section), and `tests/test_textual_internals.py` fails loudly when a Textual
release changes what it relies on; then drop the piece, or adapt it, before upgrading.

- `OneLayout` overrides `Widget._size_updated` so that a layout pass does not ask for
  a second one. After every layout, Textual sets each widget's `virtual_size` through
  a reactive that asks for *another* layout whenever the size changed: a turn that adds
  transcript entries or shows another input is laid out twice, the second time for
  nothing, since the first already used those sizes. Widgets with this mixin take the
  new size without asking again. Only for widgets whose content does not depend on
  their own virtual size (containers and static text; not scrolling views such as
  OptionList or TextArea, which compute it themselves). A scrollbar that appears or
  goes still asks for its layout (`show_vertical_scrollbar` is a layout reactive).
- `FooterKey` is the key widget of Textual's `Footer`, exported only from its private
  module; `KeyFooter` updates those keys in place instead of recomposing the footer
  on every turn.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets._footer import FooterKey

__all__ = ["FooterKey", "OneLayout"]


class OneLayout:
    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False)
