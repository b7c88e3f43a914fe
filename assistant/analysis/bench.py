"""Micro-benchmark: p50/p99 time of `analyse()` on 300-word answers, after warm-up.

    python -m assistant.analysis.bench [--runs 500]
"""

from __future__ import annotations

import argparse
import statistics
import time

_SENTENCES = {
    "en": [
        "I want to finish the first draft of my thesis by the end of March.",
        "Honestly I'm worried that my supervisor will not like the structure.",
        "Maybe I will try to write three pages a day, but my job always gets in the way.",
        "You always tell me to plan better, and I feel frustrated when that is all I hear.",
        "Last week went well, though, and I am proud that I kept going.",
    ],
    "de": [
        "Ich will den ersten Entwurf meiner Arbeit bis Ende März fertigstellen.",
        "Ehrlich gesagt habe ich Sorge, dass meiner Betreuerin die Gliederung nicht gefällt.",
        "Vielleicht versuche ich, jeden Tag drei Seiten zu schreiben, aber die Arbeit stört.",
        "Du sagst mir immer, ich soll besser planen, und das frustriert mich.",
        "Letzte Woche lief es aber gut, und ich bin stolz, dass ich drangeblieben bin.",
    ],
    "da": [
        "Jeg vil gøre det første udkast færdigt inden udgangen af marts.",
        "Helt ærligt er jeg bekymret for, at min vejleder ikke kan lide strukturen.",
        "Måske prøver jeg at skrive tre sider om dagen, men mit job kommer altid i vejen.",
        "Du siger altid, at jeg skal planlægge bedre, og det frustrerer mig.",
        "Sidste uge gik dog godt, og jeg er stolt af, at jeg holdt fast.",
    ],
}


def answer(lang: str, words: int = 300) -> str:
    out: list[str] = []
    i = 0
    while sum(len(s.split()) for s in out) < words:
        out.append(_SENTENCES[lang][i % len(_SENTENCES[lang])])
        i += 1
    return " ".join(out)


def measure(lang: str | None, runs: int) -> tuple[float, float]:
    from . import analyse

    text = answer(lang or "en")
    for _ in range(20):
        analyse(text, lang=lang)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        analyse(text, lang=lang)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="p50/p99 of analyse() on 300-word answers")
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args(argv)
    for lang in ("en", "de", "da", None):
        p50, p99 = measure(lang, args.runs)
        label = lang or "en (language detected)"
        print(f"{label:24} p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   (target p99 <= 5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
