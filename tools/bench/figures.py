"""A measured figure, its summary statistics, and how figures are printed and saved.

A `Figure` holds raw samples plus the target it is judged against. `value` is the
number compared with the target: the p99 for latencies, the median for single costs,
a ratio of medians for A/B comparisons. The JSON and the printed table carry the same
numbers; timing values are never asserted by tests, only that every figure is present
with its target and a verdict.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): with few samples p99 is the maximum."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Figure:
    key: str
    label: str
    unit: str  # "ms", "x" (a ratio) or "MB"
    target: float
    judge: str  # "p99", "median" or "ratio": which number meets the target
    samples: list[float] = field(default_factory=list)
    ratio: float | None = None  # for judge == "ratio"
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> float:
        if self.judge == "ratio":
            return math.nan if self.ratio is None else self.ratio
        if self.judge == "p99":
            return percentile(self.samples, 99)
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def met(self) -> bool:
        return not math.isnan(self.value) and self.value <= self.target

    def stats(self) -> dict[str, float]:
        s = self.samples
        if not s:
            return {}
        return {"n": len(s), "min": min(s), "median": statistics.median(s),
                "p99": percentile(s, 99), "max": max(s)}

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "unit": self.unit, **self.stats(),
                "judged_by": self.judge, "value": _num(self.value), "target": self.target,
                "met": self.met, "note": self.note, "detail": self.detail}


def _num(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    import textual

    return {"cpus": os.cpu_count(), "cpu": model or platform.machine(),
            "python": platform.python_version(), "platform": platform.platform(),
            "textual": getattr(textual, "__version__", "?"), "executable": sys.executable,
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def _fmt(x: float | None, unit: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if unit == "x":
        return f"{x:.2f}x"
    if unit == "MB":
        return f"{x:.1f} MB"
    return f"{x:.1f} ms" if x >= 1 else f"{x:.2f} ms"


def row(fig: Figure) -> list[str]:
    st = fig.stats()
    if fig.judge == "ratio":
        spread = (f"{_fmt(fig.ratio, 'x')} "
                  f"(A {fig.detail.get('a', '-')} / B {fig.detail.get('b', '-')})")
        p99 = "-"
    elif fig.judge == "median":
        spread = (f"{_fmt(st.get('median'), fig.unit)} "
                  f"[{_fmt(st.get('min'), fig.unit)}..{_fmt(st.get('max'), fig.unit)}]")
        p99 = _fmt(st.get("p99"), fig.unit)
    else:
        spread = _fmt(st.get("median"), fig.unit)
        p99 = _fmt(st.get("p99"), fig.unit)
    target = f"<= {_fmt(fig.target, fig.unit)}" + (" p99" if fig.judge == "p99" else "")
    return [fig.label, spread, p99, target, "yes" if fig.met else "NO"]


def table(figures: list[Figure]) -> str:
    head = ["figure", "median [min..max]", "p99", "target", "met"]
    rows = [head] + [row(f) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(path: Path, figures: list[Figure], *, quick: bool, seconds: float,
               load_before: list[float] | None = None) -> None:
    data = {"machine": machine(), "quick": quick, "seconds": round(seconds, 1),
            "load_average_before": load_before,
            "figures": [f.as_dict() for f in figures]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
