-- Rows of one download that share the fact key: the download contradicts itself.
SELECT indicator_id, area_code, area_type, sex, age, category_type, category, time_period,
       list(source_row ORDER BY source_row) AS source_rows
FROM raw.fingertips_all_data
WHERE response_id = $response_id
GROUP BY ALL
HAVING count(*) > 1
ORDER BY min(source_row)
LIMIT 10;
