"""A page's charts drawn on every core: matplotlib holds the GIL, so the charts of a large review
(a national place has 40 or more) are shared between this process and worker processes, which
print the same SVG as this process would (each chart's ids and hash salt come from its chart id).

A worker is a Python process running `serve`, started once per process and kept for every review
the process renders; it reads pickled calls on its stdin and writes their charts on its stdout.
A worker of its own rather than multiprocessing's: those import the caller's main script again,
which would run a script without a `__name__ == "__main__"` guard (a pipeline!) once more. A page
with few charts draws them itself: starting a worker costs more than it would save.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from assets.reviews.reports.charts import Chart

# Below this many charts a page draws them itself.
MIN_CHARTS_FOR_WORKERS = 16
# The folder holding the `assets` package, for the workers' imports wherever the caller runs.
_PROJECT_ROOT = Path(__file__).resolve().parents[3]
Key = TypeVar("Key")


@dataclass(frozen=True)
class ChartCall:
    """One chart to draw: a drawing function of charts.py and its keyword arguments."""

    draw: Callable[..., Chart | None]
    arguments: dict[str, Any]


def _draw(call: ChartCall) -> Chart | None:
    return call.draw(**call.arguments)


class _Worker:
    def __init__(self) -> None:
        path = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # A chart's frames are a few rows: Polars' thread pool only adds waiting for threads.
            env={**os.environ, "PYTHONPATH": path, "POLARS_MAX_THREADS": "1"},
        )

    def send(self, calls: list[ChartCall]) -> None:
        pickle.dump(calls, self.process.stdin)
        self.process.stdin.flush()

    def receive(self) -> tuple[bool, Any]:
        """(False, the charts of the calls sent) or (True, the error drawing one raised)."""
        return pickle.load(self.process.stdout)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@cache
def _workers() -> tuple[_Worker, ...]:
    """One worker for each core but the one this process draws on."""
    return tuple(_Worker() for _ in range(_cores() - 1))


def draw_charts(calls: Mapping[Key, ChartCall]) -> dict[Key, Chart | None]:
    """Each call's chart (None where it has nothing to draw), under the call's key."""
    workers = _workers() if len(calls) >= MIN_CHARTS_FOR_WORKERS else ()
    ordered = list(calls.values())
    # In runs of consecutive calls, so that each share has trend charts (the costly ones) and gap
    # charts alike; this process draws the first.
    count = len(workers) + 1
    shares = [
        ordered[len(ordered) * n // count : len(ordered) * (n + 1) // count] for n in range(count)
    ]
    try:
        for worker, share in zip(workers, shares[1:], strict=True):
            worker.send(share)
        try:
            drawn = [[_draw(call) for call in shares[0]]]
        finally:
            # Every reply is read, even after an error here, so none is left for the next page.
            replies = [worker.receive() for worker in workers]
    except (OSError, EOFError, pickle.UnpicklingError):
        # A worker was killed (out of memory, a signal): draw here, with new workers next time.
        _workers.cache_clear()
        return {key: _draw(call) for key, call in calls.items()}
    for failed, result in replies:
        if failed:
            raise result
        drawn.append(result)
    return dict(zip(calls, (chart for share in drawn for chart in share), strict=True))


def serve() -> None:
    """A worker: draw each batch of calls read on stdin, until the other end closes."""
    # Replies go to the stdout it was started with; anything else printed goes to stderr.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        try:
            calls = pickle.load(sys.stdin.buffer)
        except EOFError:
            return
        try:
            reply = (False, [_draw(call) for call in calls])
        except Exception as error:  # noqa: BLE001 - sent back, raised in the page's process
            reply = (True, error)
        pickle.dump(reply, replies)
        replies.flush()
