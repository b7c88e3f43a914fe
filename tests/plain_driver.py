"""Drive `reflect ... --plain` as a real subprocess, one answer at a time.

The driver waits for each "> " prompt before it writes the next answer, so every answer
it has written before the latest prompt is confirmed (stored) by the program.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

from assistant.core.model import Script, Step

ROOT = Path(__file__).resolve().parent.parent


def reflect_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", *args]


def run_reflect(*args: str, input: str = "", env: dict | None = None, timeout: float = 60
                ) -> subprocess.CompletedProcess:
    return subprocess.run(reflect_cmd(*args), input=input, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


class PlainDriver:
    def __init__(self, *args: str, env: dict | None = None):
        self.proc = subprocess.Popen(reflect_cmd(*args), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                                     env=env)
        self.output = ""

    def read_prompt(self, timeout: float = 30) -> str | None:
        """Read until the program waits for input; the block since the last answer, or None."""
        start = len(self.output)
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while True:
            block = self.output[start:]
            if block.endswith("> "):
                return block
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no prompt; output so far:\n{self.output}")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.output += chunk.decode("utf-8", "replace")

    def read_until(self, text: str, timeout: float = 30) -> str:
        """Read until `text` has been printed (for output that asks nothing)."""
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while text not in self.output:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {text!r}; output so far:\n{self.output}")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise EOFError(f"ended before {text!r}:\n{self.output}")
                self.output += chunk.decode("utf-8", "replace")
        return self.output

    def send(self, line: str) -> None:
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)

    def close(self) -> int:
        self.proc.stdin.close()
        rest = self.proc.stdout.read().decode("utf-8", "replace")
        self.output += rest
        return self.proc.wait(30)


def default_answer(step: Step) -> str:
    return {
        "choice": "1",
        "multi": "1",
        "scale": "4",
        "yesno": "no",
        "info": "",
        "review": "",
    }.get(step.kind, "Give three short talks at our team meeting by the end of March.")


def step_for_block(script: Script, block: str) -> Step | None:
    """The step whose prompt the block shows (the last prompt line before '> ')."""
    best = None
    for step in script.steps:
        if step.prompt and step.prompt.strip().splitlines()[0][:40] in block:
            best = step
    return best
