"""How a night's places are built together: the assets that can build many places in one run
(a single-run backfill policy: the per-place dbt models and what reads them) run once per range
of places, the rest once per place.

Dagster runs a partitioned asset over a range of partitions in one run (its
`asset_partition_range_start`/`_end` tags), a range being every key between two in the
partitions' order. A night's places are mostly every place, so usually one range; a place that
is up to date or whose file failed to load is not rebuilt, so it splits the range around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

import dagster as dg
from dagster._core.definitions.assets.graph.asset_graph import AssetGraph
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)


@dataclass(frozen=True)
class PlaceBatch:
    """Places next to each other in the partitions' order, built in one run."""

    place_ids: tuple[str, ...]

    def tags(self) -> dict[str, str]:
        return {
            ASSET_PARTITION_RANGE_START_TAG: self.place_ids[0],
            ASSET_PARTITION_RANGE_END_TAG: self.place_ids[-1],
        }


def per_partition_and_batched(
    asset_graph: AssetGraph, keys: Iterable[dg.AssetKey]
) -> tuple[frozenset[dg.AssetKey], frozenset[dg.AssetKey]]:
    """`keys` split into those built a partition at a time and those built a range at a time."""
    batched = frozenset(
        key
        for key in keys
        if asset_graph.get(key).backfill_policy == dg.BackfillPolicy.single_run()
    )
    return frozenset(keys) - batched, batched


def place_batches(order: Sequence[str], place_ids: Iterable[str]) -> list[PlaceBatch]:
    """The fewest ranges of `order` (the places partitions as Dagster holds them) that cover
    `place_ids` and nothing else."""
    wanted = set(place_ids)
    return [
        PlaceBatch(tuple(run))
        for is_wanted, run in groupby(order, key=wanted.__contains__)
        if is_wanted
    ]
