"""Shared fixtures. Tests never touch the user's real data home."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# One profile for the whole suite: no per-example deadline (the machines are shared and
# noisy; speed is the benchmark's business) and a fixed seed, so CI sees the same
# examples as the author. Tests choose their own max_examples.
settings.register_profile(
    "reflect",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("reflect")


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings chosen in the app go to a folder of the test's own (``REFLECT_CONFIG``),
    never to the user config folder of whoever runs the suite."""
    folder = tmp_path / "reflect-config"
    monkeypatch.setenv("REFLECT_CONFIG", str(folder))
    return folder


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, private data home; ``REFLECT_HOME`` points at it for the test."""
    home = tmp_path / "reflect-home"
    home.mkdir(mode=0o700)
    home.chmod(0o700)
    monkeypatch.setenv("REFLECT_HOME", str(home))
    return home


@pytest.fixture
def store(data_home: Path):
    """A real store on the test's data home (the TUI tests' default)."""
    from assistant.store import Store

    with Store.open(data_home) as s:
        yield s


@pytest.fixture(scope="session")
def library():
    """The bundled content, loaded once for the whole run."""
    from assistant.services.library import Library

    return Library()
