"""Where the bundled dialogue scripts (`prompts/`) and rule sets (`rules/`) live.

In a checkout they are the top-level folders beside `assistant/`; in an installed wheel
they are the data-only packages `assistant._prompts` and `assistant._rules` (see
pyproject.toml). Either way callers get plain paths.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # assistant/


def _find(name: str, packaged: str) -> Path:
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE / packaged


def prompts_dir() -> Path:
    """The folder of bundled dialogue scripts, translations and summary templates."""
    return _find("prompts", "_prompts")


def rules_dir() -> Path:
    """The folder of bundled rule sets."""
    return _find("rules", "_rules")
