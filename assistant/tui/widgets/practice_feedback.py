"""Feedback on one practice reply: its code in words, why, what it does, what to try.

Built from an `assistant.core.practice.Feedback`; every text is added as `rich.text.Text`,
never as markup, so a scenario or a reply containing `[bold]` shows those characters.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.practice import Feedback
from ...i18n import t
from ...services.practice import code_label, modifier_labels


class PracticeFeedback(Static):
    """Empty until `show()`; the CSS class `listening` or `not-listening` colours the border."""

    DEFAULT_CSS = """
    PracticeFeedback {
        height: auto;
        border: round $primary;
        padding: 0 1;
        margin: 0 1;
    }
    PracticeFeedback.listening { border: round $success; }
    PracticeFeedback.not-listening { border: round $warning; }
    """

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(Text(t("Reply to the mentee; the code of your reply and what to try "
                                "appear here.",
                                lang), style="dim"), markup=False,
                         **kwargs)
        self.lang = lang
        self.feedback: Feedback | None = None

    def show(self, feedback: Feedback) -> None:
        self.feedback = feedback
        lang = self.lang
        code = feedback.code
        body = Text()
        body.append(t("Code", lang) + ": ", style="bold")
        body.append(code_label(code.code, lang), style="bold reverse")
        mods = modifier_labels(code, lang)
        if mods:
            body.append(f" ({', '.join(mods)})", style="bold")
        if code.reason:
            body.append(f"\n{code.reason}")
        for note in feedback.notes:
            body.append(f"\n{note}", style="italic")
        if feedback.suggestion:
            body.append("\n" + t("Try", lang) + ": ", style="bold")
            body.append(feedback.suggestion)
        self.update(body)
        self.set_class(feedback.listening, "listening")
        self.set_class(not feedback.listening, "not-listening")

    def clear(self) -> None:
        self.feedback = None
        self.update(Text(t("Reply to the mentee; the code of your reply and what to try "
                           "appear here.", self.lang), style="dim"))
        self.remove_class("listening", "not-listening")
