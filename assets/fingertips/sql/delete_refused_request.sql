-- Forget that a refused download answered this indicator, so its last good download stays the
-- newest (what staging and the fact table read) and the next refresh asks for it again.
DELETE FROM raw.fingertips_all_data_requests
WHERE response_id = $response_id AND indicator_id = $indicator_id;
