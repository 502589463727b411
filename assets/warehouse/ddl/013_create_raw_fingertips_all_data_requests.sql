-- What each all_data download asked for: the indicators and area types it covers, and the
-- LastUploadedAt the pull was based on (what makes the next refresh incremental).
CREATE TABLE IF NOT EXISTS raw.fingertips_all_data_requests (
    response_id          BIGINT NOT NULL,
    indicator_id         INTEGER NOT NULL,
    child_area_type_id   INTEGER,
    parent_area_type_id  INTEGER,
    last_uploaded_at     TIMESTAMP,
    parent_comparison_label VARCHAR,
    PRIMARY KEY (response_id, indicator_id)
);
