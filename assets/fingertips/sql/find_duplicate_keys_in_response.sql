-- Rows of one download that share the fact key: the download contradicts itself. An empty and a
-- missing breakdown are the same key, as in the fact table.
SELECT indicator_id, area_code, area_type, sex, age,
       coalesce(category_type, '') AS category_type, coalesce(category, '') AS category,
       time_period, list(source_row ORDER BY source_row) AS source_rows
FROM raw.fingertips_all_data
WHERE response_id = $response_id
GROUP BY ALL
HAVING count(*) > 1
ORDER BY min(source_row)
LIMIT 10;
