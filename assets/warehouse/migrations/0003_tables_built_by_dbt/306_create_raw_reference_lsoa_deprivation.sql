-- The reference bundle's lsoa_deprivation table as last loaded (reference/bundles/<version>/):
-- one LSOA's national rank and decile in one IMD version. Each load replaces the rows; older
-- bundles stay on disk. conformed.lsoa_deprivation is built from it (sql/models).
CREATE TABLE IF NOT EXISTS raw.reference_lsoa_deprivation (
    imd_version       VARCHAR NOT NULL,
    lsoa_vintage      VARCHAR NOT NULL,
    lsoa_code         VARCHAR NOT NULL,
    imd_rank          INTEGER NOT NULL,
    imd_decile        INTEGER NOT NULL CHECK (imd_decile BETWEEN 1 AND 10),
    -- The district the IMD file names (IMD2019 only).
    lad_code          VARCHAR,
    source_location   VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from.
    reference_version VARCHAR NOT NULL,
    loaded_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (imd_version, lsoa_code)
);
