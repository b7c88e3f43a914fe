"""Dates as the app shows them: local time, to the minute, the same in every language."""

from __future__ import annotations

import time


def when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
