"""Key phrases: the person's own words worth quoting in a summary (RAKE-style).

Candidate phrases are runs of content words between stop words and punctuation. A word
scores by how often it occurs and how many other words it keeps company with (its degree
divided by its frequency, counted over Snowball stems so "goal" and "goals" add up); a
phrase scores the sum of its words. Phrases of two to four words are preferred over
single words, and each phrase is returned as the person wrote it.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .text import stem

_MAX_WORDS = 4


def key_phrases(lex: Lexicon, tokens: list[str], limit: int = 5) -> list[str]:
    runs: list[list[str]] = []
    run: list[str] = []
    stop = lex.stopwords
    for token in tokens:
        low = token.lower()
        if not token[:1].isalnum() or low in stop or low.isdigit() and not run:
            if run:
                runs.append(run)
                run = []
            continue
        run.append(token)
        if len(run) == _MAX_WORDS:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if not runs:
        return []
    freq: dict[str, int] = {}
    degree: dict[str, int] = {}
    stems_of: list[list[str]] = []
    for r in runs:
        stems = [stem(w.lower(), lex.lang) for w in r]
        stems_of.append(stems)
        for s in stems:
            freq[s] = freq.get(s, 0) + 1
            degree[s] = degree.get(s, 0) + len(stems)
    scored: dict[str, tuple[float, str]] = {}
    for r, stems in zip(runs, stems_of, strict=True):
        if len(r) == 1 and len(r[0]) < 4:
            continue
        score = sum(degree[s] / freq[s] for s in stems) + (1.0 if len(r) > 1 else 0.0)
        key = " ".join(stems)
        if key not in scored or scored[key][0] < score:
            scored[key] = (score, " ".join(r))
    best = sorted(scored.values(), key=lambda item: item[0], reverse=True)
    return [phrase for _, phrase in best[:limit]]
