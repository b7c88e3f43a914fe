"""Smoke test of `python -m tools.bench --quick`: it runs and reports every figure.

No timing value is asserted here (the machine is shared and noisy); only that the JSON
names each figure with its target and a met flag, and that the table is printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tools.bench.__main__ import FIGURES, TARGETS

# tools/ is not installed (it is not shipped): run it from the checkout, as `make bench` does.
ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def test_quick_bench_reports_every_figure_with_target_and_verdict(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--quick",
                           "--sessions", "200", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=ENV)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(out.read_text())
    by_key = {f["key"]: f for f in data["figures"]}
    assert set(by_key) == set(FIGURES)
    for key, fig in by_key.items():
        assert fig["target"] == TARGETS[key]
        assert isinstance(fig["met"], bool)
        assert fig["judged_by"] in ("p99", "median", "ratio")
    assert data["quick"] is True
    assert {"cpus", "cpu", "python"} <= set(data["machine"])
    for key in FIGURES:
        assert by_key[key]["label"] in done.stdout


def test_unknown_group_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tools.bench", "--only", "nope",
                           "--json", str(tmp_path / "x.json")],
                          capture_output=True, text=True, timeout=60, env=ENV)
    assert done.returncode == 2
    assert "nope" in done.stderr
