-- Rows of one download with an empty field that is part of the fact key.
SELECT source_row, field
FROM (
    SELECT source_row, CAST(indicator_id AS VARCHAR) AS indicator_id, area_code, area_type, sex,
           age, time_period
    FROM raw.fingertips_all_data
    WHERE response_id = $response_id
) UNPIVOT INCLUDE NULLS (
    text FOR field IN (indicator_id, area_code, area_type, sex, age, time_period)
)
WHERE text IS NULL OR trim(text) = ''
ORDER BY source_row, field
LIMIT 10;
