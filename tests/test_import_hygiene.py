"""The headless boundary is a test, not a habit (STYLE item 2).

`assistant.core` is pure: importing it, and every module in it, must not load Textual,
SQLite or nltk. The small commands (`reflect list`, `sessions`, `validate`) must start
like a small CLI: neither Textual nor nltk. Each check runs in a fresh interpreter,
because this test process has long since imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "sqlite3", "_sqlite3", "nltk")


def _fresh(code: str, cwd: Path = ROOT) -> dict:
    """Run `code` in a new interpreter; it must print one JSON line last."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_core_imports_no_ui_no_database_no_nltk() -> None:
    result = _fresh(
        "import importlib, json, pkgutil, sys\n"
        "import assistant.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'assistant.core.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"loaded = [h for h in {HEAVY!r} if h in sys.modules]\n"
        "print(json.dumps({'modules': names, 'loaded': loaded}))\n"
    )
    # Guard against a vacuous pass: the walk really imported the loader and the stepper.
    assert {"assistant.core.loader", "assistant.core.stepper",
            "assistant.core.expressions"} <= set(result["modules"])
    assert result["loaded"] == []


@pytest.mark.parametrize("argv", [
    ["list"],
    ["sessions", "--data-dir", "{tmp}"],
    ["validate", "prompts"],
], ids=lambda argv: argv[0])
def test_small_commands_load_neither_textual_nor_nltk(argv: list[str], tmp_path: Path) -> None:
    argv = [a.replace("{tmp}", str(tmp_path / "data")) for a in argv]
    result = _fresh(
        "import json, sys\n"
        "from assistant.cli.main import main\n"
        f"code = main({argv!r})\n"
        "print()\n"
        "print(json.dumps({'code': code,"
        " 'loaded': [m for m in ('textual', 'nltk') if m in sys.modules]}))\n"
    )
    assert result["loaded"] == [], f"reflect {' '.join(argv)} loaded {result['loaded']}"
    # `validate` may find problems in content being written; whether it passes is
    # test_validate's business. It must still end normally (0 or 1), never crash.
    assert result["code"] in ((0, 1) if argv[0] == "validate" else (0,))
