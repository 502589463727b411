"""Publishing the BI file: time, and the working and published file sizes.

Fills a working warehouse with made-up rows at a live warehouse's scale (Fingertips values kept
twice, as received text in raw and typed in conformed, and LSOA populations by sex and age band),
then publishes it as the pipeline does: the BI file (conformed and marts, DuckDB storage
--storage-version) written beside the published path and swapped in. For comparison it also times
copying the whole working file, which is what publication used to do.

    .venv/bin/python benchmarks/warehouse_publish.py --facts 1000000 --population-rows 3000000
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from assets.warehouse.store import Warehouse
from pipelines.settings import DEFAULT_BI_STORAGE_VERSION

# Made-up rows shaped like the real ones; one response holds every value.
FILL_RESPONSE = """
INSERT INTO raw.fingertips_responses
VALUES (1, 'all_data/csv/by_indicator_id', 'indicator_ids=90366', 'https://example.invalid/',
        'csv', now(), repeat('0', 64), 0, 'all_data-27', NULL, now());
"""
FILL_RAW = """
INSERT INTO raw.fingertips_all_data
SELECT 1, i, NULL, (90000 + i % 400)::VARCHAR, 'Indicator ' || i % 400, 'E12000007',
       'London region', 'E06' || lpad((i // 400 % 150)::VARCHAR, 6, '0'),
       'Area ' || i // 400 % 150, 'UA',
       'Persons', 'All ages', '', '', (2000 + i // 60000)::VARCHAR, (80 + i % 97 / 10)::VARCHAR,
       '79.1', '81.2', '78.5', '81.8', (i % 5000)::VARCHAR, '150000', '', 'No significant change',
       'Similar', 'Similar', (2000 + i // 60000)::VARCHAR || '0000', '', '', '1y'
FROM range($facts) AS rows(i);
"""
# dbt builds the fact from raw; the benchmark makes a table of the same values directly.
FILL_FACTS = """
CREATE TABLE conformed.fact_indicator_value AS
SELECT indicator_id::INTEGER AS indicator_id, area_code, area_type, sex, age, category_type,
       category, time_period, 502 AS area_type_id, area_name, parent_code,
       value::DOUBLE AS value, lower_ci_95::DOUBLE AS lower_ci_95,
       upper_ci_95::DOUBLE AS upper_ci_95, count::DOUBLE AS count,
       denominator::DOUBLE AS denominator, time_period_sortable::BIGINT AS time_period_sortable,
       time_period_range, 'fingertips' AS source, 'https://example.invalid/' AS source_url,
       response_id, source_row, now() AS fetched_at
FROM raw.fingertips_all_data;
"""
# conformed.lsoa_population in the columns its dbt model builds (made up, without running dbt).
FILL_POPULATION = """
CREATE TABLE conformed.lsoa_population AS
SELECT 'E01' || lpad((i // 60)::VARCHAR, 6, '0') AS lsoa_code, '2021' AS lsoa_vintage,
       2022 AS year, ['persons', 'male', 'female'][i % 3 + 1] AS sex,
       'age ' || i % 60 // 3 AS age_band, (i % 60 // 3)::INTEGER AS age_lower,
       (i % 60 // 3)::INTEGER AS age_upper, (100 + i % 37)::INTEGER AS population,
       'mid-year estimates (made up)' AS source_location, 'benchmark' AS reference_version,
       now() AS loaded_at
FROM range($rows) AS rows(i);
"""


def megabytes(path: Path) -> str:
    return f"{path.stat().st_size / 1_000_000:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--population-rows", type=int, default=3_000_000)
    parser.add_argument("--storage-version", default=DEFAULT_BI_STORAGE_VERSION)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="warehouse-publish-") as folder:
        warehouse = Warehouse(
            Path(folder) / "outcomes.duckdb", bi_storage_version=arguments.storage_version
        )
        started = time.perf_counter()
        with warehouse.transaction() as connection:
            connection.execute(FILL_RESPONSE)
            connection.execute(FILL_RAW, {"facts": arguments.facts})
            connection.execute(FILL_FACTS)
            connection.execute(FILL_POPULATION, {"rows": arguments.population_rows})
        print(
            f"working warehouse: {arguments.facts:,} values (raw and conformed), "
            f"{arguments.population_rows:,} population rows, built in "
            f"{time.perf_counter() - started:.1f} s"
        )

        started = time.perf_counter()
        warehouse.publish()
        published_seconds = time.perf_counter() - started
        started = time.perf_counter()
        shutil.copyfile(warehouse.work_path, Path(folder) / "whole-copy.duckdb")
        whole_copy_seconds = time.perf_counter() - started

        print(f"working copy     {megabytes(warehouse.work_path):>12}")
        print(
            f"published file   {megabytes(warehouse.published_path):>12}  "
            f"(storage {arguments.storage_version}, conformed and marts)"
        )
        print(f"publish          {published_seconds:>10.1f} s")
        print(f"whole-file copy  {whole_copy_seconds:>10.1f} s  (what publication used to do)")


if __name__ == "__main__":
    main()
