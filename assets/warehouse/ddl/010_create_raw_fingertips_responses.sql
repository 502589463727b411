-- One row per response the Fingertips source returned, as it came back.
CREATE TABLE IF NOT EXISTS raw.fingertips_responses (
    response_id   BIGINT PRIMARY KEY,
    endpoint      VARCHAR NOT NULL,
    query         VARCHAR NOT NULL,
    source_url    VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN ('json', 'csv')),
    fetched_at    TIMESTAMPTZ NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    byte_count    BIGINT NOT NULL,
    layout        VARCHAR,
    dagster_run_id VARCHAR,
    loaded_at     TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
