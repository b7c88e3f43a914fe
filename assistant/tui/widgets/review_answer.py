"""The review step: finish, or pick an earlier answer to change.

The answers themselves are shown in the transcript; this list holds the actions, the
first one (finish) highlighted, so Enter finishes and ↓ reaches "change ...".
Options are identified by their position (`item-0`, `item-1`, ...), not by step id: a
looped step ("add another first step") is listed once per answer.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.stepper import ReviewItem
from ..messages import Answered, EditRequested
from .answer_input import AnswerInput

FINISH = "__finish__"
ITEM = "item-"


def option_id(index: int) -> str:
    """The option id of the review item at `index` (for tests and callers)."""
    return f"{ITEM}{index}"


class ReviewAnswer(AnswerInput, Vertical):
    def __init__(self, items: tuple[ReviewItem, ...], *, finish: str, change: str,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.items = items
        self.finish = finish
        self.change = change  # a format string with {prompt}

    def _options(self) -> list[Option]:
        options = [Option(Text(self.finish, style="bold"), id=FINISH)]
        options += [Option(Text(self.change.format(prompt=item.prompt)), id=option_id(i))
                    for i, item in enumerate(self.items)]
        return options

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), id="answer-review", compact=True)

    def on_mount(self) -> None:
        if not self.display:  # mounted ahead, hidden: the focus stays where it is
            return
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0

    def reset(self, items: tuple[ReviewItem, ...], *, finish: str, change: str) -> bool:
        """Show another review turn in this widget (its list is replaced in place)."""
        if (items, finish, change) != (self.items, self.finish, self.change):
            self.items, self.finish, self.change = items, finish, change
            self.query_one(OptionList).set_options(self._options())
        self.on_mount()
        return True

    def submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, chosen: str | None) -> None:
        if chosen == FINISH:
            self.post_message(Answered(True))
        elif chosen and chosen.startswith(ITEM):
            item = self.items[int(chosen.removeprefix(ITEM))]
            self.post_message(EditRequested(item.step, item.visit))
