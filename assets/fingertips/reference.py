"""Fingertips reference data: profiles, area types, areas with their parents, category types."""

import dagster as dg

from assets.fingertips import api
from assets.fingertips.common import GROUP, KINDS, WAREHOUSE_POOL
from assets.fingertips.raw_loading import load_json
from assets.fingertips.selection import FingertipsSelection, area_type_pairs
from assets.fingertips.source import FetchedJson
from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
from pipelines.resources import FingertipsResource, WarehouseResource

ENGLAND_AREA_TYPE = 15


def _store_listing(
    run_id: str, warehouse: WarehouseResource, fetched: FetchedJson, table: str
) -> dg.MaterializeResult:
    """Keep a whole-list endpoint's answer in raw, then rebuild its dimension table from it."""
    with warehouse.store().transaction() as connection:
        response_id = load_json(connection, fetched, run_id)
        connection.execute(
            statement(f"fingertips/insert_{table.split('.')[1]}"), {"response_id": response_id}
        )
        return dg.MaterializeResult(metadata=table_metadata(connection, table))


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_profiles(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """One row per Fingertips profile (e.g. PHOF, id 19) with the domain (group) ids it holds."""
    fetched = api.profiles(fingertips.source())
    return _store_listing(context.run_id, warehouse, fetched, "conformed.dim_profile")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_area_types(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """One row per Fingertips area type; each boundary vintage is its own type (102 … 502)."""
    fetched = api.area_types(fingertips.source())
    return _store_listing(context.run_id, warehouse, fetched, "conformed.dim_area_type")


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL, deps=[fingertips_area_types])
def fingertips_areas(
    context: dg.AssetExecutionContext,
    config: FingertipsSelection,
    warehouse: WarehouseResource,
    fingertips: FingertipsResource,
) -> dg.MaterializeResult:
    """One row per area in one area type (vintage), with its parent in the pulled parent type."""
    source = fingertips.source()
    pairs = area_type_pairs(config, fingertips)
    area_type_ids = sorted({ENGLAND_AREA_TYPE} | {type_id for pair in pairs for type_id in pair})
    areas = {type_id: api.areas_by_area_type(source, type_id) for type_id in area_type_ids}
    parents = {pair: api.parent_to_child_areas(source, *pair) for pair in pairs}
    with warehouse.store().transaction() as connection:
        for type_id, fetched in areas.items():
            response_id = load_json(connection, fetched, context.run_id)
            connection.execute(
                statement("fingertips/insert_dim_area"),
                {"response_id": response_id, "area_type_id": type_id},
            )
        for (child, parent), fetched in parents.items():
            response_id = load_json(connection, fetched, context.run_id)
            connection.execute(
                statement("fingertips/update_dim_area_parents"),
                {
                    "response_id": response_id,
                    "child_area_type_id": child,
                    "parent_area_type_id": parent,
                },
            )
        return dg.MaterializeResult(metadata=table_metadata(connection, "conformed.dim_area"))


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_category_types(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """One row per category within a category type (e.g. each IMD decile of a deprivation type)."""
    fetched = api.category_types(fingertips.source())
    return _store_listing(context.run_id, warehouse, fetched, "conformed.dim_category")
