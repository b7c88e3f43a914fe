"""A file planted in `cache/templates/` never runs code when a summary renders (issue 22).

Jinja2's own bytecode cache unpickles the header of every `.jinja` file and runs the
code object that follows. Reflect's cache reads the header without unpickling it, and
loads compiled code only from files that the user alone can have written (own file and
folder, nobody else may write either). Each test renders a real summary with a real
`reflect summary` subprocess, plants files the way an attacker would, renders again,
and checks that nothing ran and the summary is still right.
"""

from __future__ import annotations

import marshal
import os
import pickle
import subprocess
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from tests.plain_driver import ROOT, reflect_cmd

GOAL = "Give three short talks at our team meeting by the end of March"


def reflect(home: Path, *args: str, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env)


@pytest.fixture
def rendered(tmp_path: Path) -> tuple[Path, str]:
    """A data home with a paused session whose summary has been rendered once."""
    home = tmp_path / "home"
    done = reflect(home, "run", "goal-clarification", "--plain",
                   input=f"\n2\n{GOAL}\n\n:pause\n")
    assert done.returncode == 0, done.stderr
    session = done.stdout.rsplit("reflect resume ", 1)[1].split()[0]
    first = reflect(home, "summary", session, "-o", "-")
    assert first.returncode == 0 and GOAL in first.stdout, first.stderr
    assert list((home / "cache" / "templates").glob("*.jinja"))
    return home, session


def header(path: Path) -> bytes:
    """Magic and pickled checksum of a real cache file (read here, by the test)."""
    with path.open("rb") as fh:
        assert fh.read(len(bc_magic)) == bc_magic
        checksum = pickle.load(fh)
    return bc_magic + pickle.dumps(checksum, 2)


class Plant:
    """A pickle that runs code as soon as it is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def evil_code(marker: Path) -> bytes:
    return marshal.dumps(compile(f"open({str(marker)!r}, 'w').write('ran')", "<x>", "exec"))


def test_a_pickle_planted_in_the_cache_is_never_unpickled(rendered, tmp_path: Path) -> None:
    home, session = rendered
    marker = tmp_path / "pickle-ran"
    for path in (home / "cache" / "templates").glob("*.jinja"):
        path.write_bytes(bc_magic + pickle.dumps(Plant(marker), 2))
        path.chmod(0o600)  # even in a file that looks like the user's own
    again = reflect(home, "summary", session, "-o", "-")
    assert again.returncode == 0 and GOAL in again.stdout, again.stderr
    assert not marker.exists()


@pytest.mark.parametrize("loose", ["file writable by others", "folder writable by others"])
def test_code_in_a_cache_file_others_could_write_is_never_loaded(
        rendered, tmp_path: Path, loose: str) -> None:
    home, session = rendered
    folder = home / "cache" / "templates"
    marker = tmp_path / "code-ran"
    for path in folder.glob("*.jinja"):
        path.write_bytes(header(path) + evil_code(marker))
        path.chmod(0o666 if loose.startswith("file") else 0o600)
    if loose.startswith("folder"):
        folder.chmod(0o777)
    again = reflect(home, "summary", session, "-o", "-")
    assert again.returncode == 0 and GOAL in again.stdout, again.stderr
    assert not marker.exists()


def test_the_cache_still_serves_the_user_s_own_files(rendered) -> None:
    # The check must not switch the cache off: a second render reads the files it
    # wrote, which stay private (0600 in a 0700 folder).
    home, session = rendered
    folder = home / "cache" / "templates"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    files = sorted(folder.glob("*.jinja"))
    assert files and all(p.stat().st_mode & 0o077 == 0 for p in files)
    before = {p: p.stat().st_mtime_ns for p in files}
    again = reflect(home, "summary", session, "-o", "-")
    assert again.returncode == 0 and GOAL in again.stdout
    assert {p: p.stat().st_mtime_ns for p in sorted(folder.glob("*.jinja"))} == before


def test_a_loose_cache_folder_of_the_user_s_own_is_emptied_and_made_private(rendered) -> None:
    # A folder the user owns but others could write (an old umask, a copied home) is
    # made private again and what others may have put in it is thrown away, so the
    # cache works again instead of being skipped for ever.
    home, session = rendered
    folder = home / "cache" / "templates"
    folder.chmod(0o777)
    planted = folder / "planted.jinja"
    planted.write_bytes(b"not ours")
    again = reflect(home, "summary", session, "-o", "-")
    assert again.returncode == 0 and GOAL in again.stdout, again.stderr
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert not planted.exists()
    files = sorted(folder.glob("*.jinja"))
    assert files  # compiled afresh and kept
    before = {p: p.stat().st_mtime_ns for p in files}
    third = reflect(home, "summary", session, "-o", "-")
    assert third.returncode == 0 and GOAL in third.stdout
    assert {p: p.stat().st_mtime_ns for p in sorted(folder.glob("*.jinja"))} == before
