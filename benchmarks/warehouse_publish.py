"""Publishing the BI file: time, and the working and published file sizes.

Fills a working warehouse with made-up rows at a live warehouse's scale (Fingertips values kept
twice, as received in raw and as facts in conformed, and LSOA populations by sex and age band),
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
INSERT INTO raw.fingertips_all_data BY NAME
SELECT 1 AS response_id, i AS source_row, 90000 + i % 400 AS indicator_id,
       'Indicator ' || i % 400 AS indicator_name, 'E12000007' AS parent_code,
       'London region' AS parent_name, 'E06' || lpad((i // 400 % 150)::VARCHAR, 6, '0') AS area_code,
       'Area ' || i // 400 % 150 AS area_name, 'UA' AS area_type, 'Persons' AS sex,
       'All ages' AS age, '' AS category_type, '' AS category,
       (2000 + i // 60000)::VARCHAR AS time_period, 80 + i % 97 / 10 AS value,
       79.1 AS lower_ci_95, 81.2 AS upper_ci_95, 78.5 AS lower_ci_99_8, 81.8 AS upper_ci_99_8,
       i % 5000 AS count, 150000 AS denominator, '' AS value_note,
       'No significant change' AS recent_trend, 'Similar' AS compared_to_england,
       'Similar' AS compared_to_parent, (2000 + i // 60000) * 10000 AS time_period_sortable,
       '1y' AS time_period_range
FROM range($facts) AS rows(i);
"""
# dbt builds the fact from raw; the benchmark fills the (empty) table with the same values directly.
FILL_FACTS = """
INSERT INTO conformed.fact_indicator_value BY NAME
SELECT indicator_id, area_code, area_type, sex, age, category_type, category, time_period,
       502 AS area_type_id, area_name, parent_code, value, lower_ci_95, upper_ci_95,
       lower_ci_99_8, upper_ci_99_8, count, denominator, time_period_sortable, time_period_range,
       'fingertips' AS source, 'https://example.invalid/' AS source_url, response_id, source_row,
       now() AS fetched_at
FROM raw.fingertips_all_data;
"""
# conformed.lsoa_population in the columns its dbt model builds (made up, without running dbt).
FILL_POPULATION = """
INSERT INTO conformed.lsoa_population BY NAME
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
