"""Free-text input: a multi-line text area (Enter adds a line) or a single line
(Enter sends), always with a visible Send button; Ctrl+S sends from either."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, TextArea

from ..messages import Answered, TextSent
from .answer_input import AnswerInput
from .hint_row import HintRow, show_hint


class _SendsItself:
    """A text field that reads its own value when Ctrl+S reaches it in its key queue:
    the text then holds every key typed before Ctrl+S and none typed after it (a burst
    such as `tmux send-keys 'one' C-s 'two'`). Read anywhere else (a binding, a parent),
    the keys after it may already be in."""

    def on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+s":
            event.stop()
            event.prevent_default()
            value = self.text if isinstance(self, TextArea) else self.value  # type: ignore[attr-defined]
            self.post_message(TextSent(value))  # type: ignore[attr-defined]


class AnswerLine(_SendsItself, Input):
    """The one-line answer field."""


class AnswerText(_SendsItself, TextArea):
    """The several-lines answer field."""


class TextAnswer(AnswerInput, Vertical):
    def __init__(self, *, multiline: bool, prefill: str = "", hint: str = "",
                 send_label: str = "Send", placeholder: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.multiline = multiline
        self.prefill = prefill
        self.hint = hint
        self.send_label = send_label
        self.placeholder = placeholder
        self._ahead = ""  # typed ahead before the field was composed (see type_ahead)

    def compose(self) -> ComposeResult:
        text = self._ahead or self.prefill
        if self.multiline:
            yield AnswerText(text, id="answer-text", soft_wrap=True, tab_behavior="focus",
                             placeholder=self.placeholder, compact=True)
        else:
            yield AnswerLine(text, id="answer-line", placeholder=self.placeholder,
                             select_on_focus=False, compact=True)
        yield HintRow(self.hint, self.send_label)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        field = self.field
        field.focus()
        if isinstance(field, TextArea):
            field.move_cursor(field.document.end)

    @property
    def field(self) -> TextArea | Input:
        return self.query_one("#answer-text, #answer-line")  # type: ignore[return-value]

    @property
    def value(self) -> str:
        field = self.field
        return field.text if isinstance(field, TextArea) else field.value

    def reset(self, *, prefill: str = "", hint: str = "", send_label: str = "",
              multiline: bool | None = None) -> bool:
        """Show the next text turn in this widget, instead of mounting a new one: the
        field keeps the focus, so nothing else is restyled or laid out again. False if
        the turn needs the other kind of field (one line / several lines)."""
        if multiline is not None and multiline != self.multiline:
            return False
        self.prefill = prefill
        self.sent = None
        field = self.field
        if isinstance(field, TextArea):
            field.text = prefill
            field.move_cursor(field.document.end)
        else:
            field.value = prefill
            field.cursor_position = len(prefill)
        show_hint(self, hint)
        if send_label and send_label != self.send_label:
            self.send_label = send_label
            self.query_one(HintRow).set_button(send_label)
        if not field.has_focus:
            field.focus()
        return True

    #: The text last sent from this field (None: nothing sent since the turn was shown).
    sent: str | None = None

    def submit(self) -> None:
        self._send(self.value)

    def _send(self, value: str) -> None:
        self.sent = value
        self.post_message(Answered(value))

    def typed_ahead(self) -> str:
        """What was typed after the last send, while the next question was on its way."""
        value, sent = self.value, self.sent
        if sent is not None and len(value) > len(sent) and value.startswith(sent):
            return value[len(sent):]
        return ""

    def ahead_parts(self) -> list[str]:
        ahead = self.typed_ahead()
        return [ahead] if ahead else []

    def send_typed(self, text: str) -> None:
        """Send `text`, typed ahead and sent with Ctrl+S before this turn was shown."""
        self._send(text)

    def type_ahead(self, text: str) -> None:
        """Put `text`, typed before this turn was shown, in the field (not sent yet)."""
        if not self.children:  # mounted just now: the field is made with it
            self._ahead = text
            return
        field = self.field
        if isinstance(field, TextArea):
            field.text = text
            field.move_cursor(field.document.end)
        else:
            field.value = text
            field.cursor_position = len(text)

    def unsent(self) -> tuple[str | None, bool]:
        """The field's text, and whether it differs from what the turn showed."""
        value = self.value
        return value, value != self.prefill

    def on_text_sent(self, message: TextSent) -> None:
        message.stop()
        self._send(message.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._send(event.value)  # the text at Enter, not what was typed after it

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()
