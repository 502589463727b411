-- One value of an indicator for an area, sex, age, breakdown and period, as one revision of one
-- declared extract source. A later file covering the same indicator and period supersedes the
-- earlier values: they stay here with is_current = false and superseded_by naming the file that
-- replaced them; the replacement has the next revision number (1 = first load of that period).
--
-- Key: (source_id, catalogue_indicator_id, area_code, area_level, sex, age, breakdown,
-- period_label, revision), and one current revision per key without the revision. It is not a
-- declared PRIMARY KEY: DuckDB holds a key's index in memory and on disk, which for a 1 GB extract
-- (29 million values) took 14 GB of memory and a 5.4 GB file, against 2.2 GB and 452 MB without
-- (benchmarks/extracts_large_file.py). The loader rejects repeated keys in a file, numbers
-- revisions itself, and the blocking asset check one_value_per_key verifies both rules.
CREATE TABLE IF NOT EXISTS conformed.fact_extract_value (
    source_id              VARCHAR NOT NULL,
    -- A catalogue id, or a place's own measure written '<place>:<measure>'.
    catalogue_indicator_id VARCHAR NOT NULL,
    area_code              VARCHAR NOT NULL,
    area_level             VARCHAR NOT NULL CHECK (
        area_level IN ('lsoa2011', 'lsoa2021', 'ward', 'lad', 'utla', 'icb', 'region', 'england')
    ),
    -- '' where the source does not say.
    sex                    VARCHAR NOT NULL,
    age                    VARCHAR NOT NULL,
    breakdown              VARCHAR NOT NULL,
    period_label           VARCHAR NOT NULL,
    revision               INTEGER NOT NULL,
    period_start           DATE NOT NULL,
    period_end             DATE NOT NULL,
    numerator              DOUBLE,
    denominator            DOUBLE,
    value                  DOUBLE,
    lower_ci_95            DOUBLE,
    upper_ci_95            DOUBLE,
    -- 'suppressed' (a marker such as * or c), 'missing' (empty), or the source's own note.
    value_note             VARCHAR,
    place                  VARCHAR NOT NULL,
    is_synthetic           BOOLEAN NOT NULL,
    is_current             BOOLEAN NOT NULL,
    superseded_by          VARCHAR,
    file_id                BIGINT NOT NULL,
    file_sha256            VARCHAR NOT NULL,
    source_row             BIGINT NOT NULL,
    loaded_at              TIMESTAMPTZ NOT NULL
);
