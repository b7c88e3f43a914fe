"""`reflect list` names the scripts it cannot load instead of leaving them out (issue 22).

A real `reflect list` over an author's own folder: the good script is listed, the broken
one is named with its file, line and code, and the exit status says something is wrong.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from assistant.services.content import prompts_dir, rules_dir
from tests.plain_driver import ROOT, reflect_cmd


def test_a_broken_script_is_named_and_the_rest_listed(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    shutil.copy(prompts_dir() / "goal-clarification.yaml", prompts)
    (prompts / "broken.yaml").write_text("id: broken\ntitle: Broken\nsteps: [[\n")
    env = {**os.environ, "REFLECT_HOME": str(tmp_path / "home")}
    done = subprocess.run(reflect_cmd("list", "--prompts", str(prompts), "--rules",
                                      str(rules_dir())),
                          capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    listed = [line.split()[0] for line in done.stdout.splitlines() if line[:1].strip()]
    assert listed.count("goal-clarification") == 1
    assert "broken.yaml:4:" in done.stderr and "RS001" in done.stderr
    assert "reflect validate" in done.stderr
