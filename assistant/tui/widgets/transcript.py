"""The conversation so far: assistant turns and the person's answers, scrolling.

Everything is added as `rich.text.Text`, never as markup: a prompt or an answer that
contains `[bold]` or an escape sequence shows exactly those characters. Answers are
neutralised (control characters made visible) before they get here.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

#: Kinds of entries; each is also a CSS class (see app.tcss).
KINDS = ("assistant", "person", "tip", "notice", "warning", "error", "system")


class Transcript(VerticalScroll):
    """A scrolling list of speech bubbles. `say()` appends one and scrolls to it.

    It can take the focus (Tab, or a click) so the keyboard can scroll back through a
    long conversation; the input keeps the focus otherwise.
    """

    def say(self, text: str | Text, kind: str = "assistant", label: str = "",
            *, show_top: bool = False) -> Static:
        """Append an entry; `show_top` scrolls to its first line instead of the end."""
        if kind not in KINDS:
            raise ValueError(f"unknown transcript entry kind {kind!r}")
        body = Text()
        if label:
            body.append(f"{label}: ", style="bold")
        body.append_text(text if isinstance(text, Text) else Text(text))
        entry = Static(body, classes=f"entry {kind}", markup=False)
        self.mount(entry)
        if show_top:
            self.call_after_refresh(self.scroll_to_widget, entry, animate=False, top=True)
        else:
            self.call_after_refresh(self.scroll_end, animate=False)
        return entry
