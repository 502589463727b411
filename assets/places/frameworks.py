"""A place's shared outcomes framework (from its YAML file) and its measures' value series."""

import dagster as dg

from assets.fingertips.common import FACT_INDICATOR_VALUE, KINDS, WAREHOUSE_POOL
from assets.places import OnsGeography
from assets.places.lsoa_values import place_values
from assets.places.models import NeighbourSource, Place
from assets.places.partitions import places_partitions
from assets.places.rows import measure_rows, place_row
from assets.places.succession import NEW_AREA_TYPE, OLD_AREA_TYPE, upper_tier_successions
from assets.table_metadata import table_metadata
from assets.warehouse.sql_files import statement
from pipelines.resources import PlacesResource, WarehouseResource

GROUP = "places"


def _nearest_neighbours(place: Place, geography: OnsGeography) -> list[str]:
    choice = place.comparators.nearest_neighbours
    if choice == NeighbourSource.OFLOG:
        return [code for area in place.area_codes for code in geography.nearest_neighbours(area)]
    return list(choice or [])


@dg.asset(group_name=GROUP, kinds=KINDS, pool=WAREHOUSE_POOL, partitions_def=places_partitions)
def place_frameworks(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, places: PlacesResource
) -> dg.MaterializeResult:
    """One row per measure of the place's shared outcomes → priorities → measures framework."""
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
        for name in ("delete_place_measures", "delete_place", "delete_place_area_predecessors"):
            connection.execute(statement(f"places/{name}"), parameters)
        connection.execute(
            statement("places/insert_place"),
            place_row(place, places.place_file(place_id), _nearest_neighbours(place, geography)),
        )
        for row in measure_rows(place, catalogue):
            connection.execute(statement("places/insert_place_measure"), row)
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
        metadata = table_metadata(connection, "conformed.place_measures")
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "measures": dg.MetadataValue.int(sum(1 for _ in place.measures())),
            "warnings": dg.MetadataValue.text("\n".join(place.warnings) or "none"),
            "predecessor_areas": dg.MetadataValue.text(
                ", ".join(f"{s.old_code}→{s.new_code}" for s in successions) or "none"
            ),
        }
    )


@dg.asset(
    group_name=GROUP,
    kinds=KINDS,
    pool=WAREHOUSE_POOL,
    partitions_def=places_partitions,
    # Every declared extract's asset is a dep too, added by pipelines.definitions.with_extract_deps:
    # which sources are declared depends on the Settings' catalogue folder.
    deps=[place_frameworks, FACT_INDICATOR_VALUE],
    # Rebuilt for every place whenever the values beneath it change (the nightly refresh).
    automation_condition=dg.AutomationCondition.eager(),
)
def place_measure_values(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per value of a place's measure for a period, beside England's and the region's."""
    parameters = {"place_id": context.partition_key}
    with warehouse.store().transaction() as connection:
        connection.execute(statement("places/delete_place_measure_values"), parameters)
        # Fingertips first; extracts fill what Fingertips does not have.
        connection.execute(statement("places/insert_place_measure_values"), parameters)
        connection.execute(statement("places/insert_place_extract_values"), parameters)
        ((area_codes,),) = connection.execute(
            statement("places/select_place_area_codes"), parameters
        ).fetchall()
        sums = connection.sql(statement("places/select_place_lsoa_sums"), params=parameters).pl()
        connection.register("place_lsoa_values", place_values(sums, area_codes[0]))
        connection.execute(statement("places/insert_place_lsoa_values"), parameters)
        connection.unregister("place_lsoa_values")
        row = connection.execute(
            statement("places/count_place_measure_values"), parameters
        ).fetchone()
        metadata = table_metadata(connection, "marts.place_measure_values")
    rows, measures_with_values = row if row else (0, 0)
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "place_rows": dg.MetadataValue.int(rows),
            "measures_with_values": dg.MetadataValue.int(measures_with_values),
        }
    )
