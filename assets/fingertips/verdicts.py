"""Fingertips' verdicts and inequality indices computed by the product from its values."""

from pathlib import Path

import dagster as dg

from assets.catalogue import load_catalogue
from assets.fingertips.benchmarking import polarity_conflicts
from assets.fingertips.common import FACT_INDICATOR_VALUE, GROUP
from assets.fingertips.decile_inequalities import decile_inequalities
from assets.fingertips.verdict_rows import indicator_verdicts
from assets.table_metadata import table_metadata
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import CatalogueResource, WarehouseResource

# Indicators judged together: each batch's values are one Polars frame, so memory follows the
# batch, not the warehouse (an indicator's verdicts need only its own rows).
INDICATORS_PER_BATCH = 20
POLARITY_CHECK = "polarity_agrees_with_catalogue"


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"polars"},
    pool=WAREHOUSE_POOL,
    deps=[FACT_INDICATOR_VALUE],
    check_specs=[dg.AssetCheckSpec(POLARITY_CHECK, asset="fingertips_verdicts")],
)
def fingertips_verdicts(
    warehouse: WarehouseResource, catalogue: CatalogueResource
) -> dg.MaterializeResult:
    """One row per Fingertips value: our comparisons and trend, in Fingertips' words by its own
    benchmarking method, beside Fingertips' own. Only indicators whose facts or metadata moved
    since their verdicts were computed are judged again."""
    indicators = load_catalogue(Path(catalogue.folder))
    judged = 0
    with warehouse.store().transaction() as connection:
        stale = [
            row[0]
            for row in connection.execute(
                statement("fingertips/select_indicators_needing_verdicts")
            ).fetchall()
        ]
        connection.execute(
            statement("fingertips/delete_indicator_verdicts"), {"indicator_ids": stale}
        ).fetchall()
        for start in range(0, len(stale), INDICATORS_PER_BATCH):
            batch = {"indicator_ids": stale[start : start + INDICATORS_PER_BATCH]}
            values = connection.sql(
                statement("fingertips/select_values_for_verdicts"), params=batch
            ).pl()
            verdicts = indicator_verdicts(values, indicators)
            judged += verdicts.height
            connection.register("indicator_verdict_rows", verdicts)
            connection.execute(statement("fingertips/insert_indicator_verdicts")).fetchall()
            connection.unregister("indicator_verdict_rows")
        metadata = table_metadata(connection, "marts.indicator_verdicts")
        (agreement,) = connection.execute(
            statement("fingertips/count_verdict_agreement")
        ).fetchall()
        polarities = connection.sql(statement("fingertips/select_indicator_polarities")).pl()
    conflicts = polarity_conflicts(polarities, indicators)
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "indicators_judged": dg.MetadataValue.int(len(stale)),
            "rows_judged": dg.MetadataValue.int(judged),
            **{
                f"agrees_{name}": dg.MetadataValue.text(f"{agree} of {judged_rows}")
                for name, agree, judged_rows in zip(
                    ("england", "parent", "trend"), agreement[0::2], agreement[1::2], strict=True
                )
            },
        },
        check_results=[
            dg.AssetCheckResult(
                check_name=POLARITY_CHECK,
                passed=conflicts.is_empty(),
                severity=dg.AssetCheckSeverity.WARN,
                description=(
                    "Fingertips' polarity decides the verdict words; these indicators' catalogue "
                    "polarity says otherwise (correct the catalogue or check the metadata)."
                ),
                metadata={
                    "conflicts": dg.MetadataValue.int(conflicts.height),
                    "indicators": dg.MetadataValue.text(
                        "; ".join(
                            f"{row['indicator_id']}: Fingertips {row['fingertips_polarity']!r}, "
                            f"catalogue {row['catalogue_polarity']}"
                            for row in conflicts.iter_rows(named=True)
                        )
                    ),
                },
            )
        ],
    )


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"polars"},
    pool=WAREHOUSE_POOL,
    deps=[FACT_INDICATOR_VALUE],
)
def fingertips_inequalities(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One row per indicator, area, sex, age, decile type and period: SII and RII across deciles."""
    with warehouse.store().transaction() as connection:
        rows = connection.sql(statement("fingertips/select_decile_values")).pl()
        inequalities = decile_inequalities(rows)
        connection.execute(statement("fingertips/delete_fingertips_inequalities"))
        if inequalities.height:
            connection.register("fingertips_inequality_rows", inequalities)
            connection.execute(statement("fingertips/insert_fingertips_inequalities"))
            connection.unregister("fingertips_inequality_rows")
        return dg.MaterializeResult(
            metadata=table_metadata(connection, "marts.fingertips_inequalities")
        )
