"""The cached catalogue of dialogues: trusted only while the scripts are unchanged."""

from __future__ import annotations

import os
import shutil

import pytest

from assistant.services import catalogue
from assistant.services.content import prompts_dir
from assistant.services.library import Library


@pytest.fixture()
def prompts(tmp_path):
    folder = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), folder)
    return folder


@pytest.fixture()
def built(prompts):
    return catalogue.build(Library(prompts=prompts))


def test_a_written_catalogue_reads_back_the_same_entries(tmp_path, prompts, built):
    path = catalogue.cache_file(tmp_path / "home")
    catalogue.write(path, prompts, built)
    assert catalogue.read(path, prompts) == built
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    goal = next(e for e in built["de"] if e.id == "goal-clarification")
    assert goal.title == Library(prompts=prompts).script("goal-clarification", "de").title
    assert goal.title != next(e for e in built["en"] if e.id == "goal-clarification").title


def test_an_edited_added_or_removed_script_makes_it_stale(tmp_path, prompts, built):
    path = catalogue.cache_file(tmp_path)
    catalogue.write(path, prompts, built)
    script = prompts / "goal-clarification.yaml"
    stat = script.stat()
    os.utime(script, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert catalogue.read(path, prompts) is None

    catalogue.write(path, prompts, built)
    (prompts / "new-one.yaml").write_text("id: new-one\n", encoding="utf-8")
    assert catalogue.read(path, prompts) is None

    catalogue.write(path, prompts, built)
    (prompts / "new-one.yaml").unlink()
    assert catalogue.read(path, prompts) is None


def test_another_folder_a_damaged_file_or_none_is_no_catalogue(tmp_path, prompts, built):
    path = catalogue.cache_file(tmp_path)
    assert catalogue.read(path, prompts) is None
    catalogue.write(path, prompts, built)
    other = tmp_path / "other"
    shutil.copytree(prompts, other)
    assert catalogue.read(path, other) is None
    path.write_text('{"key": {"format": 1', encoding="utf-8")
    assert catalogue.read(path, prompts) is None
    path.write_text('{"key": 3, "entries": []}', encoding="utf-8")
    assert catalogue.read(path, prompts) is None


def test_a_folder_it_cannot_write_is_not_an_error(tmp_path, prompts, built):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    catalogue.write(blocked / "catalogue.json", prompts, built)  # no exception
    assert catalogue.read(blocked / "catalogue.json", prompts) is None
