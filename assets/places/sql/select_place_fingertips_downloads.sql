-- Per place: each Fingertips indicator its measures read, with the newest LastUploadedAt it was
-- downloaded at and its newest download (a forced pull of the same upload is a new download).
SELECT
    measures.place_id,
    measures.fingertips_indicator_id,
    max(requests.last_uploaded_at)::VARCHAR AS last_uploaded_at,
    max(requests.response_id) AS response_id
FROM conformed.place_measures AS measures
LEFT JOIN raw.fingertips_all_data_requests AS requests
    ON requests.indicator_id = measures.fingertips_indicator_id
WHERE list_contains($place_ids, measures.place_id)
    AND measures.fingertips_indicator_id IS NOT NULL
GROUP BY ALL
ORDER BY ALL;
