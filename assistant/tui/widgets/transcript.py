"""The conversation so far: assistant turns and the person's answers, scrolling.

Everything is added as `rich.text.Text`, never as markup: a prompt or an answer that
contains `[bold]` or an escape sequence shows exactly those characters. Answers are
neutralised (control characters made visible) before they get here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

#: Kinds of entries; each is also a CSS class (see app.tcss).
KINDS = ("assistant", "person", "tip", "notice", "warning", "error", "system")


class Entry(Static):
    """One speech bubble."""


class Transcript(VerticalScroll):
    """A scrolling list of speech bubbles. `say()` appends one; the list stays scrolled
    to its end (anchored) unless an entry asks to show its top (`show_top`).

    It can take the focus (Tab, or a click) so the keyboard can scroll back through a
    long conversation; the input keeps the focus otherwise.

    Inside `with transcript.collect():` the entries of one turn are mounted together, in
    one go, and scrolled to once, so a turn costs one layout and one repaint.
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._collecting: list[Static] | None = None
        self._entry_to_show: Static | None = None
        self._show_pending = False
        #: Whether the anchor still holds (no scroll or `show_top` has released it since
        #: the last scroll to the end): then the layout scrolls to new entries itself.
        self._anchor_holds = True

    def release_anchor(self) -> None:
        super().release_anchor()  # every scroll but to the end comes through here
        self._anchor_holds = False

    def scroll_end(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def, override]
        super().scroll_end(*args, **kwargs)  # takes the anchor back, if anchored
        self._anchor_holds = True

    @property
    def follows_end(self) -> bool:
        """Anchored, and not scrolled away from the end (as Textual's anchor: scrolling
        back down to the end takes it back)."""
        if not self.is_anchored:
            return False
        if not self._anchor_holds and self.scroll_y >= self.max_scroll_y:
            self._anchor_holds = True
        return self._anchor_holds

    def on_resize(self) -> None:
        # A taller window can make the conversation shorter than the view again.
        if self.is_anchored and self.virtual_size.height <= self.container_size.height:
            self.anchor(False)
            self.scroll_home(animate=False, immediate=True)

    @contextmanager
    def collect(self) -> Iterator[None]:
        outer = self._collecting is None
        if outer:
            self._collecting = []
        try:
            yield
        finally:
            if outer:
                entries, self._collecting = self._collecting, None
                if entries:
                    self.mount_all(entries)

    def say(self, text: str | Text, kind: str = "assistant", label: str = "",
            *, show_top: bool = False) -> Static:
        """Append an entry; `show_top` scrolls to its first line instead of the end."""
        if kind not in KINDS:
            raise ValueError(f"unknown transcript entry kind {kind!r}")
        body = Text()
        if label:
            body.append(f"{label}: ", style="bold")
        body.append_text(text if isinstance(text, Text) else Text(text))
        entry = Entry(body, classes=f"entry {kind}", markup=False)
        if self._collecting is not None:
            self._collecting.append(entry)
        else:
            self.mount(entry)
        if show_top:
            # Show the top of this (long) entry: not anchored to the end until the next.
            self._entry_to_show = entry
            self.release_anchor()
        else:
            self._entry_to_show = None
            if self.follows_end:
                return entry  # the layout that places the entry also scrolls to it
        if not self._show_pending:
            self._show_pending = True
            self.call_after_refresh(self._show_latest)
        return entry

    def _show_latest(self) -> None:
        """After the new entries are laid out: show the last one (or the top of one).

        Once the conversation is longer than the view, the transcript is anchored to its
        end: from then on the layout pass that places new entries also scrolls to them,
        so a turn takes one frame, not one for the entries and one for the scroll. (Not
        before: anchoring content shorter than the view pushes it down.)"""
        self._show_pending = False
        target, self._entry_to_show = self._entry_to_show, None
        if target is not None and target.is_attached:
            self.scroll_to_widget(target, animate=False, top=True)
            return
        self.scroll_end(animate=False, immediate=True)  # also re-anchors, if anchored
        if not self.is_anchored and self.max_scroll_y > 0:
            self.anchor()
