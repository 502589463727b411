-- Indicators whose newest download is not yet what the fact table holds.
SELECT downloaded.indicator_id
FROM (
    SELECT indicator_id, max(response_id) AS response_id
    FROM raw.fingertips_all_data_requests
    GROUP BY indicator_id
) AS downloaded
LEFT JOIN (
    SELECT indicator_id, max(response_id) AS response_id
    FROM conformed.fact_indicator_value
    GROUP BY indicator_id
) AS conformed USING (indicator_id)
WHERE conformed.response_id IS DISTINCT FROM downloaded.response_id
ORDER BY downloaded.indicator_id;
