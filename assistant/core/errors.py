"""User-facing errors: one clear message, where, and how to fix it. Never a traceback.

`message` and `hint` are English and are what the CLI prints. An error may also carry a
`key` into a front end's string table and the `params` that fill it, so a front end that
speaks the person's language (the TUI) can say the same thing in German or Danish; one
without a translation falls back to `message`.
"""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """Something the person can fix: a bad flag value, a missing session or script, ..."""

    def __init__(self, message: str, hint: str = "", *, key: str = "",
                 params: Mapping[str, object] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.key = key
        self.params: dict[str, object] = dict(params or {})

    def format(self) -> str:
        text = f"reflect: {self.message}"
        if self.hint:
            text += f"\n  {self.hint}"
        return text
