"""Hostile and broken YAML: every file an author (or anyone's `--prompts` folder) can
hand Reflect gets an RS error with its place and a fix, quickly and in little memory,
never a traceback or a hang (issue 22; issue 13 item 8: a billion-laughs file).

The cases that used to hang or take gigabytes run as real `reflect validate`
processes, with an address-space limit of 500 MB and a generous timeout; the others
run in-process, where each gives exactly one diagnostic at a known line and column.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.diagnostics import CODES, LoadError
from assistant.core.loader import load_script
from assistant.core.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, parse
from assistant.services.validate import validate

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 500 * 1024 * 1024

STEPS = "steps:\n  - id: a\n    kind: text\n    prompt: What went well?\n"


def _laughs() -> str:
    # Nine levels of nine aliases each: 9**9 (387 million) values once expanded.
    lines = ["id: laughs", "title: Laughs", STEPS.rstrip(), "lol0: &l0 [lol]"]
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _merge_bomb() -> str:
    # Each mapping merges the one before it twice: 2**40 entries once flattened.
    lines = ["id: merges", "title: Merges", STEPS.rstrip(), "m0: &m0 {x: 1, y: 2}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, 41)]
    return "\n".join(lines) + "\n"


def _deep_block(levels: int) -> str:
    body = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(levels))
    return "id: deep\ntitle: Deep\n" + STEPS + "extra:\n" + "".join(
        "  " + line + "\n" for line in body.splitlines()) + "  " * (levels + 1) + "end: 1\n"


#: name -> (file text, code, line, col). Lines and columns are where the author looks.
CASES: dict[str, tuple[str, str, int, int]] = {
    "control-character": ("id: bell\ntitle: Ring \x07 the bell\n" + STEPS, "RS001", 2, 13),
    "nul-byte-in-a-prompt": ("id: nul\ntitle: T\n" + STEPS.replace("well?", "we\x00ll?"),
                             "RS001", 6, 25),
    "escape-character-in-a-comment": ("# a \x1b[31m red comment\nid: esc\ntitle: T\n" + STEPS,
                                      "RS001", 1, 5),
    "rule-set-list-in-a-list": ("id: nested\ntitle: T\nrules: [[safety]]\n" + STEPS,
                                "RS005", 3, 9),
    "rule-set-mapping": ("id: nested\ntitle: T\nrules: [{safety: 1}]\n" + STEPS,
                         "RS005", 3, 9),
    "hundred-thousand-digits": ("id: digits\ntitle: T\nminutes: " + "7" * 100_000 + "\n" + STEPS,
                                "RS042", 3, 10),
    "sixteen-digit-scale": ("id: digits\ntitle: T\nsteps:\n  - id: a\n    kind: scale\n"
                            "    prompt: How much?\n    max: 1000000000000000\n",
                            "RS042", 7, 10),
    "sexagesimal-number": ("id: digits\ntitle: T\nminutes: " + ":".join(["59"] * 5000) + "\n"
                           + STEPS, "RS042", 3, 10),
    "date-that-does-not-exist": ("id: date\ntitle: 2026-02-30\n" + STEPS, "RS001", 2, 8),
    "recursive-alias": ("id: loop\ntitle: T\n" + STEPS + "x: &t [*t]\n", "RS041", 7, 4),
    "recursive-merge": ("id: loop\ntitle: T\n" + STEPS + "x: &m {a: 1, <<: *m}\n",
                        "RS041", 7, 4),
    "billion-laughs": (_laughs(), "RS041", 7, 7),  # the anchor repeated past the bound
    "merge-bomb": (_merge_bomb(), "RS041", 20, 6),
    "deep-flow-nesting": ("id: deep\ntitle: T\n" + STEPS + "x: " + "[" * 5000 + "]" * 5000 + "\n",
                          "RS040", 7, 1003),  # where libyaml stops, 1,000 levels in
    "deep-flow-nesting-under-libyaml-limit": (
        "id: deep\ntitle: T\n" + STEPS + "x: " + "[" * 500 + "]" * 500 + "\n",
        "RS040", 7, 4 + MAX_DEPTH),
    # The first mapping one level too deep: the value of k31, on the line of k32.
    "deep-block-nesting": (_deep_block(60), "RS040", 8 + MAX_DEPTH, 3 + 2 * MAX_DEPTH),
}


def _diags(tmp_path: Path, name: str, text: str) -> list:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return validate([path])


@pytest.mark.parametrize("name", [n for n in CASES if "laughs" not in n and "bomb" not in n])
def test_a_broken_file_gives_one_located_error(name: str, tmp_path: Path) -> None:
    text, code, line, col = CASES[name]
    errors = [d for d in _diags(tmp_path, name, text) if d.severity == "error"]
    assert [(d.code, d.line, d.col) for d in errors] == [(code, line, col)], \
        "\n".join(d.format() for d in errors)
    assert errors[0].hint, errors[0].format()
    assert code in CODES


def test_a_control_character_is_named_by_its_code_point(tmp_path: Path) -> None:
    (diag,) = _diags(tmp_path, "bell", CASES["control-character"][0])
    assert "U+0007" in diag.message


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _validate_process(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", "validate", "."], cwd=folder,
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited)


def test_every_hostile_file_is_reported_by_a_real_process_in_500_mb(tmp_path: Path) -> None:
    """All cases at once, including those that ran for minutes and took gigabytes."""
    for name, (text, *_rest) in CASES.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    # 50 MB of steps: 106 s and 3.3 GB before; now refused before it is read.
    step = "  - {id: a, kind: text, prompt: What went well this week?}\n"
    big = "id: big\ntitle: Big\nsteps:\n" + step * (50_000_000 // len(step))
    (tmp_path / "fifty-megabytes.yaml").write_text(big, encoding="utf-8")
    proc = _validate_process(tmp_path)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out
    assert proc.returncode == 1, out
    for name, (_text, code, line, col) in CASES.items():
        assert f"{name}.yaml:{line}:{col}: {code} " in out, f"{name} not reported:\n{out}"
    assert f"fifty-megabytes.yaml:1:1: RS039 the file is too large ({len(big):,} bytes" in out


def test_a_file_just_under_the_size_limit_still_loads() -> None:
    step = "  - {id: s%d, kind: text, prompt: What went well this week?}\n"
    head = "id: long\ntitle: Long\nsteps:\n"
    steps, size, i = [], len(head), 0
    while size + len(step % i) + 60 < MAX_FILE_BYTES:
        steps.append(step % i)
        size += len(step % i)
        i += 1
    text = head + "".join(steps) + "  - {id: review, kind: review, prompt: Change anything?}\n"
    assert len(text) <= MAX_FILE_BYTES
    script = load_script(text, "long.yaml")
    assert len(script.steps) == i + 1
    with pytest.raises(LoadError) as caught:
        parse(text + "#" * (MAX_FILE_BYTES - len(text) + 1), "longer.yaml")
    assert [d.code for d in caught.value.diagnostics] == ["RS039"]


def test_aliases_within_the_limit_still_work() -> None:
    text = ("id: aliases\ntitle: Aliases\nsteps:\n"
            "  - {id: a, kind: choice, prompt: Which?, options: &opts [yes-please, no-thanks]}\n"
            "  - {id: b, kind: choice, prompt: And now?, options: *opts}\n"
            "  - &last {id: review, kind: review, prompt: Change anything?}\n")
    script = load_script(text, "aliases.yaml")
    assert [o.value for o in script.step("b").options] == ["yes-please", "no-thanks"]
    merged = parse("base: &b {kind: text, prompt: Why?}\nstep: {<<: *b, id: why}\n", "m.yaml")
    assert merged.data["step"] == {"kind": "text", "prompt": "Why?", "id": "why"}


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "x: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert parse(text, "ok.yaml").data["x"] is not None
    with pytest.raises(LoadError):
        parse("x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "deep.yaml")


def test_the_bundled_content_is_far_inside_the_limits() -> None:
    files = sorted((ROOT / "prompts").rglob("*.yaml")) + sorted((ROOT / "rules").glob("*.yaml"))
    assert files
    for path in files:
        assert path.stat().st_size < MAX_FILE_BYTES / 4, path
        src = parse(path.read_text(encoding="utf-8"), str(path))
        assert max(len(p) for p in src.positions) < MAX_DEPTH / 2, path
