-- Rows a download returned for each indicator it asked for (zero flags a wrong boundary vintage).
SELECT r.indicator_id, count(a.source_row) AS row_count
FROM raw.fingertips_all_data_requests AS r
LEFT JOIN raw.fingertips_all_data AS a
    ON a.response_id = r.response_id AND a.indicator_id = r.indicator_id
WHERE r.response_id = $response_id
GROUP BY r.indicator_id
ORDER BY r.indicator_id;
