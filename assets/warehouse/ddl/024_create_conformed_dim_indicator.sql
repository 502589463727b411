CREATE TABLE IF NOT EXISTS conformed.dim_indicator (
    indicator_id      INTEGER PRIMARY KEY,
    indicator_name    VARCHAR NOT NULL,
    unit_label        VARCHAR,
    value_type        VARCHAR,
    year_type         VARCHAR,
    ci_method         VARCHAR,
    polarity          VARCHAR,
    frequency         VARCHAR,
    indicator_status  VARCHAR,
    last_uploaded_at  TIMESTAMP,
    metadata_fetched_at TIMESTAMPTZ NOT NULL
);
