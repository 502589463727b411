"""A page's charts drawn on every core: matplotlib holds the GIL, so the charts of a large review
(a national place has 40 or more) are shared among worker processes, which print the same SVG
as the page's own process would (each chart's ids and hash salt come from its chart id).

The workers start once per process, from a fork server that has already imported matplotlib,
and serve every review the process renders. A page with few charts draws them itself: starting
the workers costs more than they would save.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from assets.reviews.reports.charts import Chart

# Below this many charts a page draws them itself.
MIN_CHARTS_FOR_WORKERS = 16
_CHARTS_MODULE = "assets.reviews.reports.charts"
Key = TypeVar("Key")


@dataclass(frozen=True)
class ChartCall:
    """One chart to draw: a drawing function of charts.py and its keyword arguments."""

    draw: Callable[..., Chart | None]
    arguments: dict[str, Any]


def _draw(call: ChartCall) -> Chart | None:
    return call.draw(**call.arguments)


@cache
def _workers() -> ProcessPoolExecutor | None:
    """The process's chart workers, one a core; None on a single core."""
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        return None
    # A fork server, not a fork of this process: the process holds DuckDB connections and
    # Dagster's threads, which a fork would copy mid-flight.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([_CHARTS_MODULE])
    return ProcessPoolExecutor(cores, mp_context=context)


def draw_charts(calls: Mapping[Key, ChartCall]) -> dict[Key, Chart | None]:
    """Each call's chart (None where it has nothing to draw), under the call's key."""
    workers = _workers() if len(calls) >= MIN_CHARTS_FOR_WORKERS else None
    drawn: Iterable[Chart | None]
    if workers is None:
        drawn = map(_draw, calls.values())
    else:
        try:
            drawn = list(workers.map(_draw, calls.values()))
        except BrokenProcessPool:
            # A worker was killed (out of memory, a signal): draw here, with new workers next time.
            _workers.cache_clear()
            drawn = map(_draw, calls.values())
    return dict(zip(calls, drawn, strict=True))
