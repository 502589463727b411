-- What the indicators about to be judged ($indicator_ids) are compared with, once for the whole
-- step: the newest England value and the newest value of every area that is some row's parent,
-- per indicator, area, sex, age and period (headline rows). Each part of a large indicator joins
-- this table: ranking the indicator's parent values again for every part filled DuckDB's memory.
CREATE OR REPLACE TEMP TABLE verdict_comparators AS
SELECT indicator_id, area_code, sex, age, time_period, value
FROM conformed.fact_indicator_value
WHERE category_type = '' AND list_contains($indicator_ids, indicator_id)
  AND (
      area_code = 'E92000001'
      OR area_code IN (
          SELECT parent_code FROM conformed.fact_indicator_value
          WHERE list_contains($indicator_ids, indicator_id)
      )
  )
QUALIFY row_number() OVER (
    PARTITION BY indicator_id, area_code, sex, age, time_period ORDER BY fetched_at DESC
) = 1;
