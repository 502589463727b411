-- The reference bundle's lsoa_bridge_2011_2021 table as last loaded: one overlap between an LSOA
-- 2011 and an LSOA 2021 in the ONS lookup, with its change code (U same, S 2011 split, M 2011s
-- merged, X irregular). Each load replaces the rows. conformed.lsoa_bridge_2011_2021 adds the
-- best fits (sql/models).
CREATE TABLE IF NOT EXISTS raw.reference_lsoa_bridge_2011_2021 (
    lsoa11_code       VARCHAR NOT NULL,
    lsoa21_code       VARCHAR NOT NULL,
    change_code       VARCHAR NOT NULL CHECK (change_code IN ('U', 'S', 'M', 'X')),
    ltla22_code       VARCHAR NOT NULL,
    source_location   VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from.
    reference_version VARCHAR NOT NULL,
    loaded_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa11_code, lsoa21_code)
);
