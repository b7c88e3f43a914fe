"""Messages the TUI's widgets and workers send: small, documented, data only.

Input widgets say what the person did (`Answered`, `EditRequested`); workers say what the
headless core returned (`TurnReady`, `DialogueFailed`, `HomeLoaded`, ...). Screens react
to them; nothing in a widget calls the dialogue or the store directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from ..core.stepper import ReviewItem, Turn
    from ..services.catalogue import Entry
    from ..services.dialogue import Dialogue
    from ..store import SessionInfo


class Answered(Message):
    """An input widget's value is ready to send (text, option value(s), number, bool)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class InputRequested(Message):
    """The screen asks the shown input for what it holds: to send it (`purpose` "send")
    or, before the person leaves the step ("pause", "quit", "back"), for the text not
    sent yet (the input answers with `Unsent`).

    It is posted to the focused widget, so it waits behind every key already sent
    there: a burst of typing followed by Ctrl+S (a paste, a fast typist) is read in
    full. A priority binding that read the field itself would run before those keys
    reached it."""

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose


class TextSent(Message):
    """Ctrl+S reached a text field: `value` is its text at that key, with every key sent
    before it and none sent after it (those wait in the same queue)."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value


class Unsent(Message):
    """The input's reply to `InputRequested` for leaving a step: the text it holds that
    was not sent (None for inputs without typed text) and whether the person changed
    it since the turn was shown."""

    def __init__(self, purpose: str, text: str | None, changed: bool) -> None:
        super().__init__()
        self.purpose = purpose
        self.text = text
        self.changed = changed


class DraftKept(Message):
    """A worker stored the unsent text before the person leaves (`purpose`: "pause" or
    "quit"); `error` says why it could not be kept, "" when it was."""

    def __init__(self, purpose: str, error: str = "") -> None:
        super().__init__()
        self.purpose = purpose
        self.error = error


class NothingChosen(Message):
    """A rating was sent with none of its numbers chosen: nothing is answered; the
    screen says how to choose (`low`..`high`)."""

    def __init__(self, low: int, high: int) -> None:
        super().__init__()
        self.low = low
        self.high = high


class EditRequested(Message):
    """On the review step, the person wants to change the answer of `step` (for a looped
    step, of its `visit`-th answer; 0 means the latest)."""

    def __init__(self, step: str, visit: int = 0) -> None:
        super().__init__()
        self.step = step
        self.visit = visit


@dataclass
class Echo:
    """What the transcript shows for the person's last action before the next turn."""

    kind: str  # "answer" | "skipped" | "back" | "edit"
    text: str = ""


class TurnReady(Message):
    """A worker stored the person's action; `turn` is what to show next."""

    def __init__(self, turn: Turn, echo: Echo | None = None) -> None:
        super().__init__()
        self.turn = turn
        self.echo = echo


class AnswerKept(Message):
    """A worker stored that the person keeps a private answer in the shared summary."""


class DialogueOpened(Message):
    """The dialogue is started or resumed; `so_far` are the answers of a resumed session."""

    def __init__(self, dialogue: Dialogue, turn: Turn, so_far: list[ReviewItem]) -> None:
        super().__init__()
        self.dialogue = dialogue
        self.turn = turn
        self.so_far = so_far


class DialogueFailed(Message):
    """The core raised: say so, keep the screen usable. Stored answers are safe."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


@dataclass
class HomeData:
    """The home screen's lists. `scripts` is None while the dialogues are not known yet
    (no current catalogue: the library is being built)."""

    scripts: list[Entry] | None = field(default_factory=list)
    unfinished: list[SessionInfo] = field(default_factory=list)
    recent: list[SessionInfo] = field(default_factory=list)
    error: str = ""


class HomeLoaded(Message):
    """The home screen's lists, read off the UI thread."""

    def __init__(self, data: HomeData) -> None:
        super().__init__()
        self.data = data


class SummaryReady(Message):
    """The Markdown summary of a session, rendered off the UI thread."""

    def __init__(self, markdown: str, title: str) -> None:
        super().__init__()
        self.markdown = markdown
        self.title = title


@dataclass
class HistoryRow:
    session: SessionInfo
    match: str = ""  # the search snippet, with « » around the matched words


class HistoryLoaded(Message):
    """The sessions (or search hits) for the history table."""

    def __init__(self, rows: list[HistoryRow], query: str) -> None:
        super().__init__()
        self.rows = rows
        self.query = query
