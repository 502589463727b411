"""Fingertips' verdicts and inequality indices computed by the product from its values."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from assets.catalogue import Catalogue, load_catalogue
from assets.fingertips.benchmarking import QUINTILES, polarity_conflicts
from assets.fingertips.common import FACT_INDICATOR_VALUE, GROUP
from assets.fingertips.decile_inequalities import decile_inequalities
from assets.fingertips.verdict_rows import indicator_verdicts
from assets.table_metadata import table_metadata
from assets.warehouse.memory import cap_memory
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from assets.warehouse.sql_files import statement
from pipelines.resources import CatalogueResource, WarehouseResource

# Indicators judged together: each batch's values are one Polars frame, so memory follows the
# batch, not the warehouse (an indicator's verdicts need only its own rows).
INDICATORS_PER_BATCH = 20
# An indicator with more values than this is judged in parts of about this many, by area (a
# 1 GB download of one indicator, judged whole, took over 9 GB): its comparisons with England and
# the parent take one row at a time and its trends one area at a time. Quintiles rank areas
# against each other, so an indicator compared by quintiles is judged whole. Polars' memory
# follows the part: parts of 100,000 peaked about 100 MB higher, in the same time.
VALUES_PER_PART = 50_000
# DuckDB's memory and threads for this step, where OUTCOMES_DUCKDB_MEMORY_LIMIT allows more. Its
# queries read one batch at a time, but DuckDB takes what it is allowed: inserting a 1 GB
# download's 5 million verdicts took 890 MB at the 2GB default and 85 MB at 300MB on one thread,
# and sooner (4.7 s against 6.4 s); writing that download's values in parts took 160 MB at 150MB
# on one thread, 330 MB at 300MB on two, in the same time. Polars' frames come on top of it.
VERDICTS_MEMORY_LIMIT = "150MB"
VERDICTS_THREADS = 1
POLARITY_CHECK = "polarity_agrees_with_catalogue"


def _clear_stale(connection: duckdb.DuckDBPyConnection, stale: str, table: str) -> list[int]:
    """The indicators fingertips/select_<stale> names, once fingertips/delete_<table> has deleted
    their rows (and those of indicators the warehouse no longer holds)."""
    indicator_ids = [
        row[0] for row in connection.execute(statement(f"fingertips/select_{stale}")).fetchall()
    ]
    connection.execute(
        statement(f"fingertips/delete_{table}"), {"indicator_ids": indicator_ids}
    ).fetchall()
    return indicator_ids


def _prepare(connection: duckdb.DuckDBPyConnection, stale: list[int]) -> None:
    """The step's own memory limit and threads, and what every batch reads: each indicator's
    count and inputs, the England and parent values it is compared with, and its values."""
    cap_memory(connection, VERDICTS_MEMORY_LIMIT)
    for name, parameters in (
        ("set_threads", {"threads": VERDICTS_THREADS}),
        ("create_verdict_indicators", {"indicator_ids": stale, "quintiles": QUINTILES}),
        ("create_verdict_comparators", {"indicator_ids": stale}),
        ("create_verdict_values", {}),
    ):
        connection.execute(statement(f"fingertips/{name}"), parameters).fetchall()


def _batches(connection: duckdb.DuckDBPyConnection) -> Iterator[tuple[list[int], int]]:
    """The indicators judged together, and in how many parts: up to INDICATORS_PER_BATCH
    indicators whole, or one indicator too large to judge whole."""
    counted = connection.execute(statement("fingertips/select_verdict_indicators")).fetchall()
    whole = [
        ident for ident, rows, by_quintiles in counted if by_quintiles or rows <= VALUES_PER_PART
    ]
    for start in range(0, len(whole), INDICATORS_PER_BATCH):
        yield whole[start : start + INDICATORS_PER_BATCH], 1
    for ident, rows, by_quintiles in counted:
        if not by_quintiles and rows > VALUES_PER_PART:
            yield [ident], -(-rows // VALUES_PER_PART)


def _values(
    connection: duckdb.DuckDBPyConnection, indicator_ids: list[int], parts: int, spool: Path
) -> Iterator[pl.DataFrame]:
    """The values the verdicts of these indicators are computed from: whole, or one indicator's
    in `parts` parts by area, all written to Parquet under `spool` first and then read one at a
    time, so DuckDB is done with its memory before Polars needs its own."""
    if parts == 1:
        yield connection.sql(
            statement("fingertips/select_verdict_values"), params={"indicator_ids": indicator_ids}
        ).pl()
        return
    (indicator_id,) = indicator_ids
    folder = spool / f"values-{indicator_id}"
    connection.execute(
        statement("fingertips/copy_verdict_values_in_parts"),
        {"indicator_id": indicator_id, "parts": parts, "folder": str(folder)},
    ).fetchall()
    for part in sorted(folder.iterdir()):
        yield connection.sql(
            statement("fingertips/select_verdict_values_part"),
            params={"files": str(part / "*.parquet")},
        ).pl()
        shutil.rmtree(part)


def _judge(values: pl.DataFrame, indicators: Catalogue, spool: Path) -> int:
    """One batch's or part's verdicts into the Parquet file `spool`; how many."""
    verdicts = indicator_verdicts(values, indicators)
    verdicts.write_parquet(spool)
    return verdicts.height


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
    store = warehouse.store()
    # Each batch's verdicts wait in a Parquet file beside the working copy and are inserted
    # together at the end: inserted batch by batch, every batch's rows stayed in memory until
    # the transaction committed.
    with (
        store.transaction() as connection,
        tempfile.TemporaryDirectory(prefix="verdicts-", dir=store.work_path.parent) as spool,
    ):
        stale = _clear_stale(connection, "indicators_needing_verdicts", "indicator_verdicts")
        _prepare(connection, stale)
        every_part = (
            values
            for indicator_ids, parts in _batches(connection)
            for values in _values(connection, indicator_ids, parts, Path(spool))
        )
        for number, values in enumerate(every_part):
            judged += _judge(values, indicators, Path(spool) / f"{number:06d}.parquet")
            # Freed before the next part is read, not after.
            del values
        if judged:
            connection.execute(
                statement("fingertips/insert_indicator_verdicts"),
                {"files": str(Path(spool) / "*.parquet")},
            ).fetchall()
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
    """One row per indicator, area, sex, age, decile type and period: SII and RII across deciles.
    Only indicators whose decile rows moved since their inequalities were computed are computed
    again."""
    with warehouse.store().transaction() as connection:
        connection.execute(statement("fingertips/create_inequality_inputs")).fetchall()
        stale = _clear_stale(
            connection, "indicators_needing_inequalities", "fingertips_inequalities"
        )
        rows = connection.sql(
            statement("fingertips/select_decile_values"), params={"indicator_ids": stale}
        ).pl()
        inequalities = decile_inequalities(rows)
        if inequalities.height:
            connection.register("fingertips_inequality_rows", inequalities)
            connection.execute(statement("fingertips/insert_fingertips_inequalities"))
            connection.unregister("fingertips_inequality_rows")
        return dg.MaterializeResult(
            metadata={
                **table_metadata(connection, "marts.fingertips_inequalities"),
                "indicators_computed": dg.MetadataValue.int(len(stale)),
                "rows_computed": dg.MetadataValue.int(inequalities.height),
            }
        )
