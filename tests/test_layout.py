"""The README's layout section names every module of the package and of tools/.

A module nobody can find in the layout is a module nobody knows where to put the next
change; this test fails when a new module is added without a word in README.md.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _layout_block() -> dict[str, set[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```\n", 2)[1]
    named: dict[str, set[str]] = {}
    current = ""
    for line in block.splitlines():
        if line and not line[0].isspace():
            current = line.split()[0]
            rest = line[len(current):]
        else:
            rest = line
        named.setdefault(current, set()).update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rest))
    return named


def _packages() -> dict[str, list[str]]:
    found = {}
    for top in ("assistant", "tools"):
        for init in sorted((ROOT / top).rglob("__init__.py")):
            folder = init.parent
            if "__pycache__" in folder.parts:
                continue
            rel = folder.relative_to(ROOT).as_posix() + "/"
            found[rel] = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    return found


def test_every_package_has_a_line_in_the_layout():
    named = _layout_block()
    missing = [pkg for pkg, modules in _packages().items() if modules and pkg not in named]
    assert missing == [], f"README.md ## Layout has no line for {missing}"


def test_every_module_is_named_in_its_package_line():
    named = _layout_block()
    missing = [f"{pkg}{mod}.py" for pkg, modules in _packages().items()
               for mod in modules if mod not in named.get(pkg, set())]
    assert missing == [], f"README.md ## Layout does not name {missing}"


def test_the_check_sees_the_real_tree():
    # Guard against a vacuous pass: the walk found the layers and their modules.
    packages = _packages()
    assert {"stepper", "loader"} <= set(packages["assistant/core/"])
    assert "validate" in packages["assistant/services/"]
    assert "timing" in packages["tools/bench/"]
