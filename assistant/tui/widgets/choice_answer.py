"""Single choice: a numbered option list; Enter, a click or the option's number answers.

The answer sent is the option's position (1, 2, ...) as a number, never its value as
text: a value such as "30" (minutes) must not be read as the 30th option."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.model import Option as ScriptOption
from .answer_input import NO_ANSWER, AnswerInput
from .hint_row import HintRow, show_hint


class ChoiceAnswer(AnswerInput, Vertical):
    def __init__(self, options: tuple[ScriptOption, ...], *, prefill: str | None = None,
                 hint: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.prefill = prefill
        self.hint = hint

    def _items(self) -> list[Option]:
        return [Option(Text(f"{i}  {opt.label}")) for i, opt in enumerate(self.options, 1)]

    def compose(self) -> ComposeResult:
        yield OptionList(*self._items(), id="answer-options", compact=True)
        yield HintRow(self.hint)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        self._show()

    def _show(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        values = [o.value for o in self.options]
        options.highlighted = values.index(self.prefill) if self.prefill in values else 0

    def reset(self, options: tuple[ScriptOption, ...], *, prefill: str | None = None,
              hint: str = "") -> bool:
        """Show another choice turn in this widget (new options are set in place)."""
        self.new_turn()
        if options != self.options:
            self.options = options
            self.query_one(OptionList).set_options(self._items())
        self.prefill = prefill
        show_hint(self, hint)
        self._show()
        return True

    def submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.send_answer(options.highlighted + 1)

    def enter_answer(self) -> object:
        highlighted = self.query_one(OptionList).highlighted
        return NO_ANSWER if highlighted is None else highlighted + 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.send_answer(event.option_index + 1)

    def on_key(self, event: events.Key) -> None:
        if self.early_key(event):
            return
        if event.character and event.character.isdigit():
            n = int(event.character)
            if 1 <= n <= len(self.options):
                event.stop()
                self.send_answer(n)
