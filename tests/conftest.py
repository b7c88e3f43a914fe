"""Shared fixtures. Tests never touch the user's real data home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, private data home; ``REFLECT_HOME`` points at it for the test."""
    home = tmp_path / "reflect-home"
    home.mkdir(mode=0o700)
    home.chmod(0o700)
    monkeypatch.setenv("REFLECT_HOME", str(home))
    return home
