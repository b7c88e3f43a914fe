"""User-facing errors: one clear message, where, and how to fix it. Never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the person can fix: a bad flag value, a missing session or script, ..."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format(self) -> str:
        text = f"reflect: {self.message}"
        if self.hint:
            text += f"\n  {self.hint}"
        return text
