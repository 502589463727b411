-- The estimated population of one LSOA in one mid-year, by sex and contiguous age band (0-4, 5-9,
-- 10-14, 15, 16-17, 18-19, 20-24, … 85-89, 90+: any age the catalogue uses sums from them) and
-- 'all ages', the source's own total, not a sum of the bands.
CREATE TABLE IF NOT EXISTS conformed.lsoa_population (
    lsoa_code       VARCHAR NOT NULL,
    lsoa_vintage    VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    sex             VARCHAR NOT NULL,
    age_band        VARCHAR NOT NULL,
    age_lower       INTEGER NOT NULL,
    -- NULL for open bands ('90+', 'all ages').
    age_upper       INTEGER,
    population      INTEGER NOT NULL,
    source_location VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from (reference/bundles/<version>).
    reference_version VARCHAR NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa_vintage, lsoa_code, year, sex, age_band)
);
