-- One LSOA's national deprivation rank and decile in one IMD version. Each IMD version ranks the
-- LSOAs of one boundary vintage (IMD2019: LSOA 2011; IoD2025: LSOA 2021), so the Core20 flag is
-- only meaningful beside its imd_version.
CREATE TABLE IF NOT EXISTS conformed.lsoa_deprivation (
    imd_version     VARCHAR NOT NULL,
    lsoa_code       VARCHAR NOT NULL,
    lsoa_vintage    VARCHAR NOT NULL,
    imd_rank        INTEGER NOT NULL,
    imd_decile      INTEGER NOT NULL CHECK (imd_decile BETWEEN 1 AND 10),
    imd_quintile    INTEGER NOT NULL CHECK (imd_quintile BETWEEN 1 AND 5),
    is_core20       BOOLEAN NOT NULL,
    source_location VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from (reference/bundles/<version>).
    reference_version VARCHAR NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (imd_version, lsoa_code)
);
