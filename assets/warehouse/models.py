"""The dbt project under sql/ as Dagster assets: every model an asset, in its domain's group.

A model's domain is the folder it sits in under its layer (sql/models/<layer>/<domain>/), so
`models/marts/fingertips/indicator_values.sql` is the asset `marts/indicator_values` in the group
`fingertips`, and the jobs that select a domain's group run its models too. Raw tables, and the
tables Python writes (statistics, frozen reviews), are dbt sources whose `meta.dagster.asset_key`
names the Python asset that writes them, so lineage runs from download to mart.

Models tagged `per_place` are partitioned by place, and a run builds all of its places in one dbt
invocation (the var `place_ids`; see the places models): a night's refresh builds a range of
places at once (`BackfillPolicy.single_run`), since dbt's own work per model and test, a tenth of
a second each, would otherwise be paid by every place. They are rebuilt for every place when what
they read changes (eager automation, as the places' Python assets).
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets

from assets.places.partitions import places_partitions
from assets.warehouse.dbt_build import dbt_build
from assets.warehouse.dbt_project import DBT_PROJECT, prepare_manifest
from assets.warehouse.memory import capped
from assets.warehouse.pool import WAREHOUSE_POOL
from pipelines.resources import WarehouseResource

PER_PLACE = "per_place"
# The places' build is two models and two dozen tests, each a short query that dbt wraps in about
# a tenth of a second of its own work: side by side they take a third less time (DuckDB runs each
# query outside Python's lock). The profile's one thread stays for the shared models, whose
# queries are large.
PLACE_THREADS = 4
# dbt's own cap on DuckDB's memory (assets.warehouse.memory): its models are queries over whole
# tables, which spill to disk beyond it; a 1 GB download's models took as long within 500MB.
MODELS_MEMORY_LIMIT = "500MB"


class DomainTranslator(DagsterDbtTranslator):
    """Groups each model by its domain folder (fqn: outcomes / layer / domain / model)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "model" and len(fqn) >= 4:
            return fqn[2]
        return super().get_group_name(dbt_resource_props)

    def get_automation_condition(
        self, dbt_resource_props: Mapping[str, Any]
    ) -> dg.AutomationCondition | None:
        # A per-place model is rebuilt for every place whenever what it reads changes (the nightly
        # refresh, a new extract file), as the places' Python assets are.
        if PER_PLACE in dbt_resource_props.get("tags", []):
            return dg.AutomationCondition.eager()
        return super().get_automation_condition(dbt_resource_props)


def models_memory_limit(memory_limit: str) -> str:
    """dbt's memory limit: `memory_limit` (OUTCOMES_DUCKDB_MEMORY_LIMIT), at most
    MODELS_MEMORY_LIMIT."""
    with duckdb.connect(config={"memory_limit": memory_limit}) as connection:
        return capped(connection, MODELS_MEMORY_LIMIT)


def run_models(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    manifest: Mapping[str, Any],
    extra_vars: Mapping[str, object] | None = None,
    threads: int | None = None,
) -> Iterator[Any]:
    """`dbt build` of the selected models (and their data tests) on the working copy, which is
    created or upgraded first and closed again, since dbt opens it itself; `threads` nodes at
    once, or the profile's number."""
    store = warehouse.store()
    store.prepare()
    variables = {
        "warehouse_path": str(store.work_path),
        "memory_limit": models_memory_limit(store.memory_limit),
        **(extra_vars or {}),
    }
    yield from dbt_build(context, DBT_PROJECT, manifest, variables, threads)


def build_model_assets() -> list[dg.AssetsDefinition]:
    """The models as assets: the per-place ones partitioned by place, the rest not."""
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    # One Python asset writes several raw tables (a source each), so sources share asset keys.
    translator = DomainTranslator(
        settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
    )

    @dbt_assets(
        manifest=manifest,
        project=DBT_PROJECT,
        exclude=f"tag:{PER_PLACE}",
        dagster_dbt_translator=translator,
        pool=WAREHOUSE_POOL,
        name="warehouse_models",
    )
    def warehouse_models(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> Iterator[Any]:
        yield from run_models(context, warehouse, manifest)

    @dbt_assets(
        manifest=manifest,
        project=DBT_PROJECT,
        select=f"tag:{PER_PLACE}",
        dagster_dbt_translator=translator,
        pool=WAREHOUSE_POOL,
        partitions_def=places_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        name="place_models",
    )
    def place_models(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> Iterator[Any]:
        yield from run_models(
            context, warehouse, manifest, {"place_ids": context.partition_keys}, PLACE_THREADS
        )

    return [warehouse_models, place_models]
