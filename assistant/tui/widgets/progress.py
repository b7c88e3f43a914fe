"""Progress through a dialogue: "3 of about 9 answered" and a bar.

The stepper counts what is answered and what is still expected on the current path;
branches can add or remove steps, so the total is "about".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...i18n import t


class DialogueProgress(Horizontal):
    """One line: where the person is (e.g. "Follow-up"), the count and a bar."""

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._shown: tuple[str, str, tuple[int, int]] = ("", "", (0, 1))

    def compose(self) -> ComposeResult:
        yield Label("", id="progress-step", markup=False)
        yield Label("", id="progress-count", markup=False)
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress-bar")

    def show_progress(self, title: str, answered: int, expected: int) -> None:
        """Update only what changed; a label is laid out again only when its width can
        change (the step title's width is fixed by the line, 1fr)."""
        expected = max(expected, answered, 1)
        count = t("{answered} of about {expected} answered",
                  self.lang, answered=answered, expected=expected)
        if title != self._shown[0]:
            self.query_one("#progress-step", Label).update(title, layout=False)
        if count != self._shown[1]:
            self.query_one("#progress-count", Label).update(
                count, layout=len(count) != len(self._shown[1]))
        if (answered, expected) != self._shown[2]:
            self.query_one("#progress-bar", ProgressBar).update(total=expected,
                                                                progress=answered)
        self._shown = (title, count, (answered, expected))
