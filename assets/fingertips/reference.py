"""Fingertips reference data: the profiles, area types, areas (with their parents) and category
types listings, kept in raw; dbt builds the conformed dimensions from them
(sql/models/conformed/fingertips/dim_*.sql)."""

import dagster as dg

from assets.fingertips import api
from assets.fingertips.common import GROUP
from assets.fingertips.raw_loading import load_json
from assets.fingertips.selection import FingertipsSelection, area_type_pairs
from assets.fingertips.source import FetchedJson
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import FingertipsResource, WarehouseResource

ENGLAND_AREA_TYPE = 15


def _store_listings(
    run_id: str, warehouse: WarehouseResource, answers: list[FetchedJson]
) -> dg.MaterializeResult:
    """Keep the answers in raw, in the order given (a dimension takes each row from the newest)."""
    with warehouse.store().transaction() as connection:
        response_ids = [load_json(connection, fetched, run_id) for fetched in answers]
    return dg.MaterializeResult(
        metadata={
            "responses": dg.MetadataValue.int(len(response_ids)),
            "response_ids": dg.MetadataValue.text(", ".join(map(str, response_ids))),
        }
    )


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_profiles(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """The Fingertips profiles listing (e.g. PHOF, id 19, with its domain ids), kept in raw."""
    return _store_listings(context.run_id, warehouse, [api.profiles(fingertips.source())])


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_area_types(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """The Fingertips area types listing, kept in raw; each boundary vintage is its own type."""
    return _store_listings(context.run_id, warehouse, [api.area_types(fingertips.source())])


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_areas(
    context: dg.AssetExecutionContext,
    config: FingertipsSelection,
    warehouse: WarehouseResource,
    fingertips: FingertipsResource,
) -> dg.MaterializeResult:
    """The areas of each pulled area type (vintage), then their parents in the pulled parent
    types, kept in raw: dim_area takes each area's parent from the parents fetched after it."""
    source = fingertips.source()
    pairs = area_type_pairs(config, fingertips)
    area_type_ids = sorted({ENGLAND_AREA_TYPE} | {type_id for pair in pairs for type_id in pair})
    areas = [api.areas_by_area_type(source, type_id) for type_id in area_type_ids]
    parents = [api.parent_to_child_areas(source, *pair) for pair in pairs]
    return _store_listings(context.run_id, warehouse, areas + parents)


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL)
def fingertips_category_types(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, fingertips: FingertipsResource
) -> dg.MaterializeResult:
    """The Fingertips category types listing (e.g. each IMD decile of a deprivation type), kept
    in raw."""
    return _store_listings(context.run_id, warehouse, [api.category_types(fingertips.source())])
