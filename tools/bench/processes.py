"""Whole-process measurements: start-up and peak memory, Reflect (A) against a bare
Textual app (B), each run in a fresh interpreter by `child.py`, alternated A/B/B/A so
that a noisy neighbour or a warming disk cache hits both sides alike.

Start-up is the time from just before the parent launches the child to the moment the
child's first screen is idle (the child reports that moment on the shared monotonic
clock), so it covers interpreter start, imports, building the app and the first idle
frame, and not the shutdown (Reflect's exit waits for the analysis warm-up thread).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .figures import Figure

CHILD = Path(__file__).with_name("child.py")


class ChildFailed(RuntimeError):
    pass


def run_child(mode: str, which: str, data_dir: Path | None, timeout: float = 120.0
              ) -> dict[str, Any]:
    args = [sys.executable, str(CHILD), mode, which]
    if data_dir is not None:
        args.append(str(data_dir))
    start = time.monotonic()
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=_child_env())
    end = time.monotonic()
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise ChildFailed(f"{mode} {which} failed ({done.returncode}): " + " | ".join(tail))
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["start"] = start
    result["end"] = end
    return result


def _child_env() -> dict[str, str]:
    """The environment of a user's shell: Python caches compiled modules. (Where
    PYTHONDONTWRITEBYTECODE is set, as on some build machines, Reflect's own modules,
    unlike Textual's installed ones, would be compiled from source at every start, ≈ 10 ms
    that no installed copy pays; the uncounted first run of each side writes the caches.)"""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The checkout, so that Reflect's child finds the benchmark's own modules (tools/ is
    # not installed); both children get the same environment.
    root = str(CHILD.resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _ab(mode: str, pairs: int, data_dir: Path) -> tuple[list[dict], list[dict]]:
    a: list[dict] = []
    b: list[dict] = []
    run_child(mode, "bare", None)  # warm the disk cache for both; not counted
    run_child(mode, "reflect", data_dir)
    for i in range(pairs):
        order = (("reflect", a), ("bare", b)) if i % 2 == 0 else (("bare", b), ("reflect", a))
        for which, out in order:
            out.append(run_child(mode, which, None if which == "bare" else data_dir))
    return a, b


def _spread(xs: list[float], unit: str) -> str:
    fmt = "{:.0f}" if unit == "ms" else "{:.1f}"
    return "/".join(fmt.format(x) for x in (min(xs), statistics.median(xs), max(xs))) + f" {unit}"


def startup(pairs: int, data_dir: Path) -> list[Figure]:
    a, b = _ab("startup", pairs, data_dir)
    ta = [(r["ready"] - r["start"]) * 1000 for r in a]
    tb = [(r["ready"] - r["start"]) * 1000 for r in b]
    ratio = statistics.median(ta) / statistics.median(tb)
    pair_ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    detail = {"reflect_ms": _stats(ta), "bare_ms": _stats(tb),
              "pair_ratio_median": round(statistics.median(pair_ratios), 3),
              "reflect_prepared_ms": _stats([(r["prepared"] - r["start"]) * 1000 for r in a]),
              "reflect_exit_ms": _stats([(r["end"] - r["start"]) * 1000 for r in a]),
              "bare_exit_ms": _stats([(r["end"] - r["start"]) * 1000 for r in b]),
              "pairs": pairs, "a": _spread(ta, "ms"), "b": _spread(tb, "ms")}
    return [Figure("startup_ratio", "start-up to idle home, Reflect / bare Textual (min/med/max)",
                   "x", 1.15, "ratio", pair_ratios, ratio=ratio, detail=detail)]


def memory(pairs: int, data_dir: Path) -> list[Figure]:
    a, b = _ab("memory", pairs, data_dir)
    ma = [r["maxrss_kb"] / 1024 for r in a]
    mb = [r["maxrss_kb"] / 1024 for r in b]
    ratio = statistics.median(ma) / statistics.median(mb)
    detail = {"reflect_mb": _stats(ma), "bare_mb": _stats(mb), "runs": pairs,
              "turns": a[-1].get("turns"), "a": _spread(ma, "MB"), "b": _spread(mb, "MB")}
    return [Figure("memory_ratio", "peak RSS, TUI dialogue / bare Textual (min/med/max)", "x",
                   1.5, "ratio", [x / statistics.median(mb) for x in ma], ratio=ratio,
                   detail=detail)]


def _stats(xs: list[float]) -> dict[str, float]:
    return {"min": round(min(xs), 1), "median": round(statistics.median(xs), 1),
            "max": round(max(xs), 1)}
