INSERT INTO raw.fingertips_responses
    (response_id, endpoint, query, source_url, kind, fetched_at, content_sha256, byte_count, layout, dagster_run_id)
VALUES
    (nextval('raw.response_id_sequence'), $endpoint, $query, $source_url, $kind, $fetched_at,
     $content_sha256, $byte_count, $layout, $dagster_run_id)
RETURNING response_id;
