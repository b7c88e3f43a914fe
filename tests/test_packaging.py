"""Packaging: the wheel carries the package, every subpackage, the scripts and rule sets."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "assistant").rglob("__init__.py")}
    assert found - listed == set(), "add these packages to pyproject.toml"


def test_wheel_ships_prompts_and_rules(tmp_path):
    # Build from a clean copy: an in-tree build/ folder could otherwise hide a missing
    # file behind a stale copy of it.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--no-build-isolation", "-q", "-w", str(tmp_path), str(source)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("mentor_reflect-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in [*(ROOT / "prompts").rglob("*.yaml"), *(ROOT / "prompts").rglob("*.j2")]:
        rel = shipped.relative_to(ROOT / "prompts").as_posix()
        assert f"assistant/_prompts/{rel}" in names
    for shipped in (ROOT / "rules").glob("*.yaml"):
        assert f"assistant/_rules/{shipped.name}" in names
    for lang in ("de", "da"):  # the compiled catalogs of the app's own words
        assert f"assistant/locale/{lang}/LC_MESSAGES/reflect.mo" in names
    assert "assistant/cli/main.py" in names
    assert "assistant/cli/serve_page/app_index.html" in names  # `reflect serve`'s page
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "reflect = assistant.cli.main:main" in zipfile.ZipFile(wheel).read(entry).decode()
