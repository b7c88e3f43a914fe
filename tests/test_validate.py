"""`reflect validate` on broken content: every mistake is found, located and explained.

Each fixture in `tests/fixtures/broken/` holds exactly one mistake and says in its first
line what validation must report, e.g. ``# expect: 7:11 RS008`` (line:col and code,
plus ``lang=de`` when the check needs ``--lang``). A fixture that needs companions (a
translation beside its source, a rule set beside a script, a summary template) is a
folder; the file whose first line holds ``expect:`` is where the error must point, and
the whole folder is validated. Most cases run in-process through `assistant.cli.main`;
a few run as real subprocesses, as a coordinator would run them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli.main import main
from assistant.core.diagnostics import CODES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"
WARNINGS = FIXTURES / "warnings"
EXPECT = re.compile(r"expect:\s*(\d+):(\d+)\s+(RS\d{3})(?:\s+lang=([a-z,]+))?")
DIAG = re.compile(r"^\S+:\d+:\d+: RS\d{3} (?P<warn>warning: )?")


class Case:
    """One fixture: where to run, what to validate, and the diagnostic it must produce."""

    def __init__(self, target: Path):
        self.target = target
        self.cwd = target if target.is_dir() else target.parent
        self.path = "." if target.is_dir() else target.name
        marked = [f for f in sorted(self.cwd.iterdir() if target.is_dir() else [target])
                  if f.is_file() and EXPECT.search(_first_line(f))]
        assert len(marked) == 1, f"{target}: exactly one file must declare '# expect:'"
        self.file = marked[0]
        m = EXPECT.search(_first_line(self.file))
        self.line, self.col, self.code = int(m.group(1)), int(m.group(2)), m.group(3)
        self.langs = m.group(4) or ""

    @property
    def args(self) -> list[str]:
        return ["validate", self.path, *(["--lang", self.langs] if self.langs else [])]

    @property
    def location(self) -> str:
        return f"{self.file.relative_to(self.cwd)}:{self.line}:{self.col}: {self.code}"


def _first_line(path: Path) -> str:
    return path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")


def _cases(root: Path) -> list[Case]:
    return [Case(p) for p in sorted(root.iterdir())]


BROKEN_CASES = _cases(BROKEN)
WARNING_CASES = _cases(WARNINGS)
#: Run these as real processes too: a YAML error, a Python tag, a translation, a template.
SUBPROCESS = {"yaml-tab-indent.yaml", "python-object-tag.yaml", "translation-outdated",
              "template-syntax-error", "not-utf8.yaml"}


def _run_in_process(case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                    *extra: str) -> tuple[int, str]:
    monkeypatch.chdir(case.cwd)
    code = main([*case.args, *extra])
    out, err = capsys.readouterr()
    return code, out + err


def _assert_reports(case: Case, code: int, output: str) -> None:
    assert "Traceback" not in output, output
    assert code == 1, output
    lines = output.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(case.location + " ")]
    assert found, f"expected {case.location!r} in:\n{output}"
    i = found[0]
    hint = lines[i + 1] if i + 1 < len(lines) else ""
    assert hint.startswith("    hint: ") and hint[10:].strip(), f"no hint after {lines[i]!r}"
    # Exactly one mistake: nothing else is an error (no cascade of follow-up errors).
    errors = [line for line in lines if (m := DIAG.match(line)) and not m.group("warn")]
    assert errors == [lines[i]], f"one mistake, one error expected:\n{output}"


def test_enough_broken_fixtures() -> None:
    assert len(BROKEN_CASES) >= 30
    assert {c.code for c in BROKEN_CASES} <= set(CODES)


@pytest.mark.parametrize("case", BROKEN_CASES, ids=lambda c: c.target.name)
def test_broken_fixture_is_reported(case: Case, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    code, output = _run_in_process(case, monkeypatch, capsys)
    _assert_reports(case, code, output)


@pytest.mark.parametrize("case", [c for c in BROKEN_CASES if c.target.name in SUBPROCESS],
                         ids=lambda c: c.target.name)
def test_broken_fixture_as_a_real_process(case: Case) -> None:
    proc = subprocess.run([sys.executable, "-m", "assistant", *case.args], cwd=case.cwd,
                          capture_output=True, text=True, timeout=60)
    _assert_reports(case, proc.returncode, proc.stdout + proc.stderr)


def test_subprocess_cases_exist() -> None:
    assert SUBPROCESS <= {c.target.name for c in BROKEN_CASES}


@pytest.mark.parametrize("case", WARNING_CASES, ids=lambda c: c.target.name)
def test_warning_only_passes_unless_strict(case: Case, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture) -> None:
    code, output = _run_in_process(case, monkeypatch, capsys)
    assert code == 0, output
    assert f"{case.location} warning: " in output
    assert "Traceback" not in output
    code, output = _run_in_process(case, monkeypatch, capsys, "--strict")
    assert code == 1, output
    assert f"{case.location} warning: " in output


def test_python_tag_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture) -> None:
    marker = tmp_path / "pwned"
    script = tmp_path / "evil.yaml"
    script.write_text(
        "id: evil\n"
        f"title: !!python/object/apply:os.system ['touch {marker}']\n"
        f"purpose: !!python/object/apply:os.system \"touch {marker}\"\n"
        "steps: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "evil.yaml"]) == 1
    out = capsys.readouterr().out
    assert "evil.yaml:2:8: RS001" in out
    assert not marker.exists()


def test_shipped_content_validates() -> None:
    """Every bundled script, rule set and template validates, as a real process."""
    proc = subprocess.run([sys.executable, "-m", "assistant", "validate", "prompts", "rules"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_missing_path_is_a_user_error(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "no-such-folder"]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_list_names_the_dialogues_it_cannot_show(tmp_path: Path) -> None:
    """`reflect list` used to drop a file that is not valid YAML without a word."""
    good = FIXTURES / "broken" / "template-syntax-error"
    for name in ("weekly-check-in.yaml", "check-in.yaml"):
        (tmp_path / name).write_text((good / name).read_text(encoding="utf-8"))
    (tmp_path / "unclosed.yaml").write_text("id: unclosed\ntitle: [Weekly\nsteps: []\n")
    (tmp_path / "typo.yaml").write_text("id: typo\ntitle: T\nsteps:\n  - id: a\n    kind: txt\n"
                                        "    prompt: What went well?\n")
    proc = subprocess.run([sys.executable, "-m", "assistant", "list", "--prompts", ".",
                           "--rules", "."], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env={**__import__("os").environ,
                                           "REFLECT_HOME": str(tmp_path / "home")})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line[:1].strip()]
    assert "weekly-check-in" in listed and "goal-clarification" in listed  # bundled too
    assert "Traceback" not in proc.stderr
    assert "unclosed.yaml:2:8: RS001 " in proc.stderr
    assert "typo.yaml:5:11: RS006 unknown step kind 'txt'" in proc.stderr


def test_the_count_line_says_one_file_in_the_singular(capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(ROOT / "prompts" / "trust-check-in.yaml")]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "1 file checked: 0 errors, 0 warnings"
