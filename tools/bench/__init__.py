"""`python -m tools.bench`: measure Reflect against the targets in the design.

Every figure is measured the same way each run, so a change can be judged by it:

- start-up (`processes.py`, `child.py`): Reflect and a bare Textual app, each a fresh
  headless process that exits when its first screen is idle, alternated A/B; the ratio
  of the medians.
- turn latency (`timing.py`, `pilot.py`): answer submitted → next prompt rendered through
  the real TUI, plus the same through `Dialogue` alone (store, analysis and rules).
- analysis of 300-word answers per language; loading and validating all content;
  history at scale (10,000 generated sessions of 30 answers); peak memory of the TUI
  running a dialogue against the bare app.

The answers the benchmark gives are in `answers.py`; statistics, the table and the JSON
in `figures.py`. Nothing here runs when Reflect itself runs.
"""
