"""An empty or unusable `--data-dir` is a clear message, never a silent default (issue 22).

`--data-dir ""` (a script's unset variable, `--data-dir "$DIR"`) silently used the default
data home, so answers went where the person did not ask. Real `reflect` subprocesses; the
default data home (REFLECT_HOME) must stay untouched.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.plain_driver import ROOT, reflect_cmd


def reflect(cwd: Path, home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=60, cwd=cwd, env={**env, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("command", [("sessions",), ("export", "-o", "-"),
                                     ("run", "goal-clarification", "--plain"),
                                     ("search", "talk")])
@pytest.mark.parametrize("folder", ["", "  "])
def test_an_empty_data_dir_is_refused(tmp_path: Path, command: tuple[str, ...],
                                      folder: str) -> None:
    home = tmp_path / "default-home"
    done = reflect(tmp_path, home, *command, "--data-dir", folder, input="\n2\nTalk\n\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "--data-dir" in done.stderr and "empty" in done.stderr
    assert not home.exists()  # nothing went to the default data home
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nor into a folder named "  "


def test_a_blank_reflect_home_is_refused(tmp_path: Path) -> None:
    done = reflect(tmp_path, Path("   "), "sessions")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "REFLECT_HOME" in done.stderr and "empty" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["a" * 300, "file/inside"])
def test_a_data_dir_that_cannot_be_a_folder_names_it(tmp_path: Path, name: str) -> None:
    (tmp_path / "file").write_text("not a folder")
    done = reflect(tmp_path, tmp_path / "default-home", "sessions", "--data-dir", name)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data home" in done.stderr and "--data-dir" in done.stderr
    assert not (tmp_path / "default-home").exists()
