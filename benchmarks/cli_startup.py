"""How long `outcomes` takes to answer --help and an argument error, against the bare interpreter
importing click (the floor any click command line pays). Goal: under 2 s.

    .venv/bin/python -m benchmarks.cli_startup [--repeats 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import figure, ratio

GOAL_SECONDS = 2.0
OUTCOMES = Path(sys.executable).parent / "outcomes"
COMMANDS = {
    "outcomes --help": [str(OUTCOMES), "--help"],
    "outcomes run --help": [str(OUTCOMES), "run", "--help"],
    "outcomes run --place ../x (argument error)": [str(OUTCOMES), "run", "--place", "../x"],
}
ANCHOR = [sys.executable, "-c", "import click"]


def wall_seconds(command: list[str], repeats: int) -> float:
    """The median wall time of `repeats` runs of the command."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(repeats: int) -> None:
    print("Command line start-up (median wall time; anchor: python -c 'import click')")
    if not OUTCOMES.exists() and shutil.which("outcomes") is None:
        figure("outcomes", "not installed", "run make setup")
        return
    anchor = wall_seconds(ANCHOR, repeats)
    figure("anchor: python -c 'import click'", f"{anchor:.2f} s")
    for label, command in COMMANDS.items():
        seconds = wall_seconds(command, repeats)
        verdict = "meets" if seconds < GOAL_SECONDS else "MISSES"
        figure(label, f"{seconds:.2f} s  {ratio(seconds, anchor)}", f"{verdict} < {GOAL_SECONDS} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    report(parser.parse_args().repeats)


if __name__ == "__main__":
    main()
