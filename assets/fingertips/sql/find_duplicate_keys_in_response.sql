-- Rows of one download that share the fact key: the download contradicts itself. An empty and a
-- missing breakdown are the same key, as in the fact table. Keys are grouped by their hash first
-- (a large download's keys grouped as text held hundreds of MB), and only rows whose hash repeats
-- are grouped again by the key itself, which also sets aside two keys that share a hash.
WITH candidates AS (
    SELECT hash(indicator_id, area_code, area_type, sex, age, coalesce(category_type, ''),
                coalesce(category, ''), time_period) AS key_hash
    FROM raw.fingertips_all_data
    WHERE response_id = $response_id
    GROUP BY key_hash
    HAVING count(*) > 1
)
SELECT indicator_id, area_code, area_type, sex, age,
       coalesce(category_type, '') AS category_type, coalesce(category, '') AS category,
       time_period, list(source_row ORDER BY source_row) AS source_rows
FROM raw.fingertips_all_data
WHERE response_id = $response_id
  AND hash(indicator_id, area_code, area_type, sex, age, coalesce(category_type, ''),
           coalesce(category, ''), time_period) IN (SELECT key_hash FROM candidates)
GROUP BY ALL
HAVING count(*) > 1
ORDER BY min(source_row)
LIMIT 10;
