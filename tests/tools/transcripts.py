"""Run transcript tests, show their summaries, and refresh docs/examples.

    python tests/tools/transcripts.py run [FILE_OR_DIR...]     run (default: tests/transcripts)
    python tests/tools/transcripts.py show FILE                 print the rendered summary
    python tests/tools/transcripts.py examples                  rewrite docs/examples/<id>.md

`examples` renders, for each script, the English transcript named in EXAMPLES below and
writes its Markdown summary to docs/examples/<script>.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.services.library import Library  # noqa: E402
from assistant.services.transcript import collect, run_transcript  # noqa: E402

TRANSCRIPTS = ROOT / "tests" / "transcripts"
EXAMPLES = {
    "goal-clarification": "en-full.yaml",
    "meeting-preparation": "en-full.yaml",
    "conflict-resolution": "en-heated-pause.yaml",
    "evaluation-reflection": "en-full.yaml",
    "mentoring-agreement": "en-full.yaml",
    "trust-check-in": "en-high.yaml",
}


def run(paths: list[str]) -> int:
    library = Library()
    failures = 0
    files = collect(paths or [TRANSCRIPTS])
    for path in files:
        result = run_transcript(path.read_text(encoding="utf-8"), str(path), library)
        if result.failure:
            failures += 1
            print(result.failure)
    print(f"{len(files)} transcripts, {failures} failed")
    return 1 if failures else 0


def show(path: str) -> int:
    result = run_transcript(Path(path).read_text(encoding="utf-8"), path)
    if result.failure:
        print(result.failure)
    print(result.summary)
    return 1 if result.failure else 0


def examples() -> int:
    out = ROOT / "docs" / "examples"
    out.mkdir(parents=True, exist_ok=True)
    library = Library()
    for script, name in EXAMPLES.items():
        path = TRANSCRIPTS / script / name
        result = run_transcript(path.read_text(encoding="utf-8"), str(path), library)
        if result.failure:
            print(result.failure)
            return 1
        (out / f"{script}.md").write_text(result.summary, encoding="utf-8")
        print(f"wrote docs/examples/{script}.md")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "show", "examples"):
        print(__doc__)
        return 2
    if argv[0] == "run":
        return run(argv[1:])
    if argv[0] == "show":
        return show(argv[1])
    return examples()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
