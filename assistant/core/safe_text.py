"""Make a person's text harmless to show in a terminal or a document.

Answers are stored exactly as typed. Before display, control characters (an escape
sequence could move the cursor, recolour or retitle a terminal) are replaced by a
visible `\\xNN` form; newlines and tabs stay.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutralise(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
