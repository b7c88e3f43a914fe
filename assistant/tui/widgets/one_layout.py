"""One layout pass for a change, not two.

After every layout, Textual sets each widget's `virtual_size` through a reactive that
asks for *another* layout whenever the size changed: so a turn that adds transcript
entries or shows another input is laid out twice (≈ 6-9 ms each), the second time for
nothing, since the first already used those sizes. Widgets with this mixin take the
new size without asking again. Only for widgets whose content does not depend on their
own virtual size (containers and static text; not scrolling views such as OptionList
or TextArea, which compute it themselves). A scrollbar that appears or goes still asks
for its layout (`show_vertical_scrollbar` is a layout reactive of its own).
"""

from __future__ import annotations

from textual.geometry import Size


class OneLayout:
    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False)
