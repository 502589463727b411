-- Rows of one download with an empty field that is part of the fact key. The rows are found
-- first and only they are unpivoted: unpivoting every row cost seconds on a large download.
SELECT source_row, field
FROM (
    SELECT source_row, CAST(indicator_id AS VARCHAR) AS indicator_id, area_code, area_type, sex,
           age, time_period
    FROM raw.fingertips_all_data
    WHERE response_id = $response_id
      AND (coalesce(trim(CAST(indicator_id AS VARCHAR)), '') = ''
           OR coalesce(trim(area_code), '') = ''
           OR coalesce(trim(area_type), '') = ''
           OR coalesce(trim(sex), '') = ''
           OR coalesce(trim(age), '') = ''
           OR coalesce(trim(time_period), '') = '')
    ORDER BY source_row
    LIMIT 10
) UNPIVOT INCLUDE NULLS (
    text FOR field IN (indicator_id, area_code, area_type, sex, age, time_period)
)
WHERE text IS NULL OR trim(text) = ''
ORDER BY source_row, field
LIMIT 10;
