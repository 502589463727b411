"""Measuring in a child process: each figure's work runs in a fresh interpreter, so its time
includes what a user waits for and its peak resident memory (RSS) is its own, not the sum of
everything measured before it in the same process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

_CHILD = """
import json, resource, sys, time
from importlib import import_module
module, function = sys.argv[1].rsplit(".", 1)
call = getattr(import_module(module), function)
started = time.perf_counter()
extra = call(*json.loads(sys.argv[2]))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("MEASURED " + json.dumps({"seconds": seconds, "rss_mb": peak, "extra": extra}))
"""


@dataclass(frozen=True)
class Measured:
    seconds: float
    rss_mb: float
    extra: Any


def in_child(function: str, *arguments: Any, environment: dict[str, str] | None = None) -> Measured:
    """Call `module.function(*arguments)` in a new interpreter; its time (from the call, imports
    excluded), its peak RSS and what it returned (JSON)."""
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, function, json.dumps(arguments)],
        capture_output=True,
        text=True,
        env={**os.environ, **(environment or {})},
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("MEASURED ")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(
            f"{function} failed (exit {completed.returncode}):\n{completed.stderr[-3000:]}"
        )
    return Measured(**json.loads(lines[-1].removeprefix("MEASURED ")))


def figure(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>22}  {note}".rstrip())


def ratio(measured: float, anchor: float) -> str:
    return f"{measured / anchor:.2f}×" if anchor else "n/a"
