-- The reference bundle's lsoa_population table as last loaded: the estimated population of one
-- LSOA in one mid-year, by sex and contiguous age band, beside the source's own 'all ages' total.
-- Each load replaces the rows. conformed.lsoa_population is built from it (sql/models).
CREATE TABLE IF NOT EXISTS raw.reference_lsoa_population (
    lsoa_vintage      VARCHAR NOT NULL,
    lsoa_code         VARCHAR NOT NULL,
    year              INTEGER NOT NULL,
    sex               VARCHAR NOT NULL,
    age_band          VARCHAR NOT NULL,
    age_lower         INTEGER NOT NULL,
    -- NULL for open bands ('90+', 'all ages').
    age_upper         INTEGER,
    population        INTEGER NOT NULL,
    source_location   VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from.
    reference_version VARCHAR NOT NULL,
    loaded_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa_vintage, lsoa_code, year, sex, age_band)
);
