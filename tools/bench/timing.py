"""In-process measurements: analysis, loading, history at scale, and Dialogue turns.

Each function returns `Figure`s with raw samples in milliseconds. Work that a real
session does once (importing nltk, loading the library, generating the history) is done
before the clock starts, unless it is the thing being measured.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from assistant.core import LANGS

from .answers import Answerer, long_answer
from .figures import Figure


def _ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e6


def _nth(items: Sequence[str], i: int) -> str:
    return items[i % len(items)]


def analysis(n: int) -> list[Figure]:
    """analyse() of distinct 300-word answers, per language, after the warm-up."""
    from assistant.analysis import analyse, preload

    warm = _ms(preload)
    figures = []
    for lang in LANGS:
        texts = [long_answer(lang, 300, seed=i) for i in range(n)]
        samples = [_ms(partial(analyse, text, lang=lang)) for text in texts]
        figures.append(Figure(f"analysis_{lang}", f"analysis, 300 words ({lang})", "ms", 5.0,
                              "p99", samples, detail={"warm_up_ms": round(warm, 1)}))
    return figures


def load_everything() -> int:
    """Load every bundled script in every language with its rule sets and summary
    template (compiled), then validate all bundled content as `reflect validate` does."""
    from assistant.services.content import prompts_dir, rules_dir
    from assistant.services.library import Library
    from assistant.services.templates import compile_template
    from assistant.services.validate import validate

    library = Library()
    count = 0
    for script_id in library.script_ids():
        for lang in LANGS:
            script = library.script(script_id, lang)
            text, _name = library.template(script, lang)
            compile_template(text)
            count += 1
    validate([prompts_dir(), rules_dir()], langs=("de", "da"))
    return count


def _cold_caches() -> None:
    """Forget what an earlier sample parsed and compiled, so each sample loads cold."""
    from assistant.core import expressions, yamlsource
    from assistant.services import library, templates

    yamlsource.parse.cache_clear()
    expressions._parse.cache_clear()
    expressions._compile.cache_clear()
    templates.compile_template.cache_clear()
    templates.template_texts.cache_clear()
    if templates.environment().cache is not None:
        templates.environment().cache.clear()  # Jinja2's own, by template name
    library._rel_to.cache_clear()


def loading(n: int) -> list[Figure]:
    """Load and validate everything, each sample in a cold process's state except for
    the compiled summary templates kept on disk (as the CLI and the app keep them in
    the data home): the first sample compiles them, the rest load them. The first
    sample is reported in the detail."""
    import tempfile

    import assistant.services.library  # noqa: F401 - import cost is start-up's, not loading's
    from assistant.services import templates

    samples = []
    with tempfile.TemporaryDirectory(prefix="reflect-bench-templates-") as folder:
        templates.use_cache(Path(folder))
        try:
            for _ in range(n):
                _cold_caches()
                samples.append(_ms(load_everything))
            parts = _loading_parts()
        finally:
            templates.use_cache(None)
    parts["first_run_ms"] = round(samples[0], 1)
    return [Figure("loading", "load + validate all content (templates cached on disk)",
                   "ms", 50.0, "median", samples[1:] or samples, detail=parts)]


def _loading_parts() -> dict[str, float]:
    """Where the loading time goes (one run each), to explain a miss."""
    from assistant.services.content import prompts_dir, rules_dir
    from assistant.services.library import Library
    from assistant.services.templates import compile_template
    from assistant.services.validate import validate

    out: dict[str, float] = {}
    _cold_caches()
    lib = Library()
    out["rulesets_en_ms"] = round(_ms(lambda: lib.rulesets("en")), 1)
    out["scripts_en_ms"] = round(_ms(lambda: [lib.script(s, "en") for s in lib.script_ids()]), 1)
    out["scripts_de_da_ms"] = round(_ms(lambda: [lib.script(s, lang) for s in lib.script_ids()
                                                 for lang in ("de", "da")]), 1)
    out["templates_ms"] = round(_ms(lambda: [compile_template(lib.template(lib.script(s, g), g)[0])
                                             for s in lib.script_ids() for g in LANGS]), 1)
    out["validate_ms"] = round(_ms(lambda: validate([prompts_dir(), rules_dir()],
                                                    langs=("de", "da"))), 1)
    return out


# --------------------------------------------------------------------------- history


class History:
    """A data home holding `sessions` generated sessions plus a few real dialogues."""

    def __init__(self, home: Path, sessions: int, answers: int = 30) -> None:
        from assistant.services.library import Library, analysis_facts
        from assistant.store import Store, generate_history

        self.home = home
        self.store = Store.open(home)
        start = time.perf_counter()
        generate_history(self.store, sessions=sessions, answers=answers, seed=0)
        self.generate_s = time.perf_counter() - start
        self.sessions = sessions
        self.library = Library()
        self.facts = analysis_facts()
        self.finished: list[str] = []
        self.paused: list[str] = []
        for i in range(8):
            d, _ = run_dialogue(self.store, self.library, self.facts, stop_after=None)
            self.finished.append(d.id)
            d, _ = run_dialogue(self.store, self.library, self.facts, stop_after=3 + i)
            self.paused.append(d.id)

    def close(self) -> None:
        self.store.close()


def run_dialogue(store: Any, library: Any, facts: Any, *, stop_after: int | None,
                 script: str = "goal-clarification", lang: str = "en",
                 samples: list[float] | None = None) -> tuple[Any, int]:
    """Run a whole dialogue through `Dialogue` (store + analysis + rules). With `samples`,
    append the time of each answer → next turn. Returns the dialogue and its turn count."""
    from assistant.services.dialogue import Dialogue

    d = Dialogue.start(store, library, script, lang, facts=facts)
    answerer = Answerer(lang=lang)
    turn = d.current()
    turns = 0
    while turn.kind != "done" and (stop_after is None or turns < stop_after):
        value = answerer(turn)
        start = time.perf_counter_ns()
        turn = d.answer(value)
        if samples is not None:
            samples.append((time.perf_counter_ns() - start) / 1e6)
        turns += 1
        if turns > 200:
            raise RuntimeError("the benchmark dialogue does not end")
    return d, turns


SEARCHES = ("trust", "mentor feedback", "Vertrauen", "presentation promo", "weekly notes",
            "deadline", "tillid", "conflict calm", "career proj", "honest question")


def history(h: History, n: int) -> list[Figure]:
    from assistant.services.dialogue import Dialogue

    store, library, facts = h.store, h.library, h.facts
    # The app holds a loaded library: warm it so resume measures the store and replay.
    Dialogue.resume(store, library, h.paused[0], facts=facts).current()
    label = f"{h.sessions:,} sessions"

    listed = [_ms(lambda: store.sessions(limit=100)) for _ in range(n)]
    searched = [_ms(partial(store.search, _nth(SEARCHES, i))) for i in range(n)]

    def summary(sid: str) -> None:
        Dialogue.resume(store, library, sid, facts=facts).summary("md")

    def resume(sid: str) -> None:
        Dialogue.resume(store, library, sid, facts=facts).current()

    summaries = [_ms(partial(summary, _nth(h.finished, i))) for i in range(n)]
    resumed = [_ms(partial(resume, _nth(h.paused, i))) for i in range(n)]
    detail = {"sessions": h.sessions, "generate_s": round(h.generate_s, 1)}
    return [
        Figure("history_list", f"history {label}: list recent 100", "ms", 30.0, "p99",
               listed, detail=detail),
        Figure("history_search", f"history {label}: full-text search", "ms", 30.0, "p99",
               searched, detail=detail),
        Figure("history_summary", f"history {label}: open a summary", "ms", 30.0, "p99",
               summaries, detail=detail),
        Figure("history_resume", f"history {label}: resume", "ms", 30.0, "p99", resumed,
               detail=detail),
    ]


def core_turns(h: History, dialogues: int) -> list[Figure]:
    """Dialogue.answer → next turn (store commit, analysis, rules), no UI."""
    samples: list[float] = []
    turns = 0
    for _ in range(dialogues):
        _, count = run_dialogue(h.store, h.library, h.facts, stop_after=None, samples=samples)
        turns = count
    return [Figure("turn_core", "answer -> next turn, core (store+analysis+rules)", "ms",
                   30.0, "p99", samples, detail={"dialogues": dialogues,
                                                 "turns_per_dialogue": turns})]


def tui_turns(h: History, dialogues: int) -> list[Figure]:
    """Answer submitted → next prompt rendered, through the real TUI under Pilot, over
    whole goal-clarification dialogues (the app built by the factory, like the CLI)."""
    import asyncio

    return asyncio.run(_tui_turns(h, dialogues))


async def _tui_turns(h: History, dialogues: int) -> list[Figure]:
    from assistant.tui.app import make_app
    from assistant.tui.screens.home import HomeScreen

    from . import pilot as drive

    app = make_app(h.store, h.library, facts=h.facts)
    samples: list[float] = []
    finishes: list[float] = []
    turns = 0
    async with app.run_test(headless=True, size=(100, 32)):
        await drive.until(lambda: isinstance(app.screen, HomeScreen))
        await drive.until(lambda: app.preloaded)  # nltk warm, as after start-up
        await drive.settle(app)
        for _ in range(dialogues):
            info = await drive.run_dialogue(app, samples=samples)
            turns = info["turns"]
            finishes.append(info["finish_to_summary_ms"])
            app.action_home()
            await drive.until(lambda: isinstance(app.screen, HomeScreen))
            await drive.settle(app)
    detail = {"dialogues": dialogues, "turns_per_dialogue": turns, "loop": drive.LOOP,
              "finish_to_summary_ms": round(statistics.median(finishes), 1)}
    return [Figure("turn_tui", "answer -> next prompt rendered, TUI", "ms", 30.0, "p99",
                   samples, detail=detail)]
