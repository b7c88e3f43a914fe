"""Run the benchmark: `python -m tools.bench [--quick] [--json PATH] [--only GROUPS]`.

Prints a table (figure, median with min..max, p99, target, met) and writes the same
figures as JSON. Exit code 0 even when a target is missed: the table says so, and the
README explains each miss. `--quick` is a smoke run with few repetitions (figures
are then only indicative).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .figures import Figure, table, write_json

GROUPS = ("analysis", "loading", "history", "turns", "tui", "startup", "memory")

#: Every figure a full run reports (the smoke test checks the JSON against this).
FIGURES = ("analysis_en", "analysis_de", "analysis_da", "loading", "history_list",
           "history_search", "history_summary", "history_resume", "turn_core", "turn_tui",
           "startup_ratio", "memory_ratio")

TARGETS = {"analysis_en": 5.0, "analysis_de": 5.0, "analysis_da": 5.0, "loading": 50.0,
           "history_list": 30.0, "history_search": 30.0, "history_summary": 30.0,
           "history_resume": 30.0, "turn_core": 30.0, "turn_tui": 30.0,
           "startup_ratio": 1.15, "memory_ratio": 1.5}


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tools.bench",
                                description="Measure Reflect against its targets.")
    p.add_argument("--quick", action="store_true", help="a fast smoke run, few repetitions")
    p.add_argument("--json", metavar="PATH", default="bench-results.json",
                   help="where to write the figures (default: bench-results.json)")
    p.add_argument("--only", metavar="GROUPS", default=",".join(GROUPS),
                   help=f"comma-separated subset of: {', '.join(GROUPS)}")
    p.add_argument("--sessions", type=int, default=None,
                   help="history size (default 10,000; 300 with --quick)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        print(f"unknown group(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    q = args.quick
    sessions = args.sessions or (300 if q else 10_000)
    began = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]
    figures: list[Figure] = []
    home = Path(tempfile.mkdtemp(prefix="reflect-bench-"))
    from . import processes, timing

    def attempt(group: str, keys: tuple[str, ...], fn: Callable[[], list[Figure]]) -> None:
        if group not in groups:
            return
        t = time.perf_counter()
        print(f"… {group}", file=sys.stderr, flush=True)
        try:
            figures.extend(fn())
        except Exception as exc:  # noqa: BLE001 - one broken measure must not hide the rest
            traceback.print_exc(file=sys.stderr)
            for key in keys:
                figures.append(Figure(key, key, "ms", TARGETS[key], "median",
                                      note=f"not measured: {type(exc).__name__}: {exc}"))
        print(f"  {group}: {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)

    history: list[timing.History] = []

    def get_history() -> timing.History:
        if not history:
            history.append(timing.History(home, sessions))
        return history[0]

    try:
        attempt("analysis", FIGURES[:3], lambda: timing.analysis(20 if q else 300))
        attempt("loading", ("loading",), lambda: timing.loading(1 if q else 7))
        attempt("history", FIGURES[4:8], lambda: timing.history(get_history(), 10 if q else 100))
        attempt("turns", ("turn_core",), lambda: timing.core_turns(get_history(), 2 if q else 20))
        attempt("tui", ("turn_tui",), lambda: timing.tui_turns(get_history(), 1 if q else 8))
        attempt("startup", ("startup_ratio",),
                lambda: processes.startup(2 if q else 15, get_history().home))
        attempt("memory", ("memory_ratio",),
                lambda: processes.memory(1 if q else 4, get_history().home))
    finally:
        for h in history:
            h.close()
        shutil.rmtree(home, ignore_errors=True)

    seconds = time.perf_counter() - began
    print(table(figures))
    for f in figures:
        if f.note:
            print(f"  {f.key}: {f.note}")
    path = Path(args.json)
    write_json(path, figures, quick=q, seconds=seconds, load_before=load_before)
    print(f"\nload average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after"
          f" ({os.cpu_count()} CPUs): a busy machine inflates absolute times, less the ratios")
    print(f"{len(figures)} figures, {sum(f.met for f in figures)} met, in {seconds:.0f} s"
          f"{' (quick: indicative only)' if q else ''}; written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
