"""Cheap data rules on the reference tables, as SQL asset checks: every English LSOA, once."""

import dagster as dg

from assets.fingertips.common import WAREHOUSE_POOL
from assets.geography import ENGLAND_LSOAS, IMD_VINTAGES
from assets.reference.bridge import lsoa_bridge_2011_2021
from assets.reference.deprivation import lsoa_deprivation
from assets.reference.geography import lsoa_geography
from assets.reference.population import lsoa_population
from assets.sql_checks import failing_rows_check
from assets.warehouse.sql_files import statement
from pipelines.resources import WarehouseResource


def _lsoa_count_check(
    warehouse: WarehouseResource, sql_name: str, expected: dict[str, int]
) -> dg.AssetCheckResult:
    """The statement's (group, LSOA count) rows must be exactly `expected`."""
    with warehouse.store().reader() as connection:
        actual = dict(connection.execute(statement(sql_name)).fetchall())
    return dg.AssetCheckResult(
        passed=actual == expected,
        metadata={
            "expected_lsoas": dg.MetadataValue.json(expected),
            "actual_lsoas": dg.MetadataValue.json(actual),
        },
    )


# A reference table missing LSOAs would silently shrink every place's Core20: block downstream.
@dg.asset_check(asset=lsoa_deprivation, blocking=True, pool=WAREHOUSE_POOL)
def deprivation_ranks_every_lsoa(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Each IMD version ranks every English LSOA of its vintage (32,844 in 2011; 33,755 in 2021)."""
    expected = {version: ENGLAND_LSOAS[vintage] for version, vintage in IMD_VINTAGES.items()}
    return _lsoa_count_check(warehouse, "reference/count_deprivation_lsoas", expected)


@dg.asset_check(asset=lsoa_deprivation, blocking=True, pool=WAREHOUSE_POOL)
def decile_agrees_with_rank(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Ranks run 1 … n, and each decile holds its tenth of the ranks (1 = most deprived)."""
    return failing_rows_check(
        warehouse, "reference/check_decile_against_rank", severity=dg.AssetCheckSeverity.ERROR
    )


@dg.asset_check(asset=lsoa_geography, blocking=True, pool=WAREHOUSE_POOL)
def geography_places_every_lsoa(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every English LSOA of both vintages has a council, region, sub-ICB and ICB."""
    return _lsoa_count_check(warehouse, "reference/count_geography_lsoas", ENGLAND_LSOAS)


@dg.asset_check(asset=lsoa_population, pool=WAREHOUSE_POOL)
def population_covers_every_lsoa(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """The latest all-ages population covers every English LSOA 2011 (the one vintage loaded)."""
    expected = {"2011": ENGLAND_LSOAS["2011"]}
    return _lsoa_count_check(warehouse, "reference/count_population_lsoas", expected)


@dg.asset_check(asset=lsoa_population, pool=WAREHOUSE_POOL)
def age_bands_add_up(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Each LSOA's age bands add up to its all-ages total."""
    return failing_rows_check(
        warehouse, "reference/check_population_age_bands", severity=dg.AssetCheckSeverity.ERROR
    )


@dg.asset_check(asset=lsoa_bridge_2011_2021, blocking=True, pool=WAREHOUSE_POOL)
def bridge_fits_every_lsoa_once(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every English LSOA of each vintage has exactly one best fit in the other vintage."""
    return _lsoa_count_check(warehouse, "reference/count_bridged_lsoas", ENGLAND_LSOAS)
