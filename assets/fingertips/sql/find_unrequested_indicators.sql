-- Indicators in a download that the request did not ask for: not the body that was asked for.
SELECT DISTINCT CAST(a.indicator_id AS VARCHAR) AS indicator_id,
       min(a.source_row) OVER (PARTITION BY a.indicator_id) AS first_row
FROM raw.fingertips_all_data AS a
WHERE a.response_id = $response_id
  AND NOT EXISTS (
      SELECT 1
      FROM raw.fingertips_all_data_requests AS r
      WHERE r.response_id = a.response_id
        AND r.indicator_id = a.indicator_id
  )
ORDER BY first_row
LIMIT 10;
