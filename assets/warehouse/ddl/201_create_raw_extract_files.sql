-- One row per file read from a declared extract's drop folder: what arrived, and what became of it.
-- loaded: its good rows are in conformed.fact_extract_value; quarantined: it loaded nothing and
-- was moved to quarantine beside a report; duplicate: the same bytes were already loaded for this
-- source, so reading it again changed nothing.
CREATE TABLE IF NOT EXISTS raw.extract_files (
    file_id          BIGINT PRIMARY KEY,
    source_id        VARCHAR NOT NULL,
    place            VARCHAR NOT NULL,
    file_name        VARCHAR NOT NULL,
    -- Where the file arrived, and where it was kept afterwards (archive or quarantine).
    path             VARCHAR NOT NULL,
    kept_at          VARCHAR NOT NULL,
    file_sha256      VARCHAR NOT NULL,
    bytes            BIGINT NOT NULL,
    file_modified_at TIMESTAMPTZ NOT NULL,
    status           VARCHAR NOT NULL CHECK (status IN ('loaded', 'quarantined', 'duplicate')),
    -- Data rows read (NULL when the file could not be read at all), and what became of them:
    -- loaded as part of a value, rejected for a problem, or left out on purpose by the
    -- declaration (ignore_rows, ignored measure types). A loaded file's rows add up:
    -- rows = rows_loaded + rows_rejected + rows_ignored; a quarantined file loads none.
    rows             BIGINT,
    rows_loaded      BIGINT NOT NULL,
    rows_rejected    BIGINT NOT NULL,
    rows_ignored     BIGINT NOT NULL,
    values_loaded    BIGINT NOT NULL,
    -- Why it was quarantined (first problem; all of them are in staging.extract_rejected_rows).
    problem          VARCHAR,
    -- For a duplicate: the file id first loaded with these bytes.
    duplicate_of     BIGINT,
    -- The latest file whose values replaced some of this file's (see conformed.fact_extract_value).
    superseded_by    VARCHAR,
    is_synthetic     BOOLEAN NOT NULL,
    loaded_at        TIMESTAMPTZ NOT NULL,
    dagster_run_id   VARCHAR
);
