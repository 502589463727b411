"""A place's shared outcomes framework, loaded from its YAML file (its measures' value series are
the dbt model marts.place_measure_values)."""

from collections.abc import Iterator

import dagster as dg

from assets.places import OnsGeography
from assets.places.models import NeighbourSource, Place
from assets.places.partitions import places_partitions
from assets.places.rows import measure_rows, place_row, trajectory_rows
from assets.places.succession import NEW_AREA_TYPE, OLD_AREA_TYPE, upper_tier_successions
from assets.table_metadata import table_metadata
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import PlacesResource, WarehouseResource

GROUP = "places"
# The measures' value series, built per place by dbt (sql/models/marts/places/).
PLACE_MEASURE_VALUES = dg.AssetKey(["marts", "place_measure_values"])


def _nearest_neighbours(place: Place, geography: OnsGeography) -> list[str]:
    choice = place.comparators.nearest_neighbours
    if choice == NeighbourSource.OFLOG:
        return [code for area in place.area_codes for code in geography.nearest_neighbours(area)]
    return list(choice or [])


# The tables a place file is loaded into, each an asset the dbt models read as a source. The Place
# model has already validated and typed every field, so they are written where BI reads them: a
# raw copy beside them would hold the same rows (README, Warehouse schema).
PLACES = dg.AssetKey(["conformed", "places"])
PLACE_MEASURES = dg.AssetKey(["conformed", "place_measures"])
PLACE_AREA_PREDECESSORS = dg.AssetKey(["conformed", "place_area_predecessors"])
# Said when a place is built on a warehouse holding no reference bundle: a new one, or one just
# upgraded to schema version 3, whose LSOA tables dbt builds from the bundle's raw copy.
REFERENCE_NOT_LOADED = (
    "No reference bundle is loaded in this warehouse, so the place's Core20 and deprivation "
    "breakdowns will count every LSOA as unmatched: run `outcomes reference load` (once after "
    "upgrading to this release, too)."
)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            PLACES, description="One row per place file, as validated and loaded.", kinds=KINDS
        ),
        dg.AssetSpec(
            PLACE_MEASURES,
            description="One row per measure of the place's shared outcomes → priorities → "
            "measures framework.",
            kinds=KINDS,
        ),
        dg.AssetSpec(
            PLACE_AREA_PREDECESSORS,
            description="Older codes of the place's areas (boundary changes).",
            kinds=KINDS,
        ),
    ],
    group_name=GROUP,
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
)
def place_frameworks(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, places: PlacesResource
) -> Iterator[dg.MaterializeResult]:
    """Loads a place file: the place, its framework's measures and its areas' predecessors."""
    place_id = context.partition_key
    catalogue, geography = places.catalogue(), places.geography()
    place = places.load(place_id, catalogue, geography)
    for warning in place.warnings:
        context.log.warning(warning)
    successions = [
        succession
        for succession in upper_tier_successions(places.bundle())
        if succession.new_code in place.area_codes and place.area_type == NEW_AREA_TYPE
    ]
    parameters = {"place_id": place_id}
    with warehouse.store().transaction() as connection:
        for name in (
            "delete_place_measures",
            "delete_place_measure_trajectories",
            "delete_place",
            "delete_place_area_predecessors",
        ):
            connection.execute(statement(f"places/{name}"), parameters)
        connection.execute(
            statement("places/insert_place"),
            place_row(place, places.place_file(place_id), _nearest_neighbours(place, geography)),
        )
        for row in measure_rows(place, catalogue):
            connection.execute(statement("places/insert_place_measure"), row)
        for row in trajectory_rows(place):
            connection.execute(statement("places/insert_place_measure_trajectory"), row)
        for row in [
            {
                "place_id": place_id,
                "area_code": succession.new_code,
                "predecessor_code": succession.old_code,
                "predecessor_area_type_id": OLD_AREA_TYPE,
                "continuous": succession.continuous,
            }
            for succession in successions
        ]:
            connection.execute(statement("places/insert_place_area_predecessor"), row)
        metadata = {
            key: table_metadata(connection, ".".join(key.path))
            for key in (PLACES, PLACE_MEASURES, PLACE_AREA_PREDECESSORS)
        }
        (reference_lsoas,) = connection.execute(
            statement("reference/count_loaded_lsoas")
        ).fetchone()
    if not reference_lsoas:
        context.log.warning(REFERENCE_NOT_LOADED)
    yield dg.MaterializeResult(asset_key=PLACES, metadata=metadata[PLACES])
    yield dg.MaterializeResult(
        asset_key=PLACE_MEASURES,
        metadata={
            **metadata[PLACE_MEASURES],
            "measures": dg.MetadataValue.int(sum(1 for _ in place.measures())),
            "warnings": dg.MetadataValue.text("\n".join(place.warnings) or "none"),
            "predecessor_areas": dg.MetadataValue.text(
                ", ".join(f"{s.old_code}→{s.new_code}" for s in successions) or "none"
            ),
        },
    )
    yield dg.MaterializeResult(
        asset_key=PLACE_AREA_PREDECESSORS, metadata=metadata[PLACE_AREA_PREDECESSORS]
    )
