-- One overlap between an LSOA 2011 and an LSOA 2021 (ONS lookup with its change code: U same,
-- S 2011 split, M 2011s merged, X irregular). A split or merge gives several rows for one code;
-- exactly one of them per code and direction is flagged as the best fit, so counts carried
-- across vintages land in one LSOA and are never duplicated.
CREATE TABLE IF NOT EXISTS conformed.lsoa_bridge_2011_2021 (
    lsoa11_code              VARCHAR NOT NULL,
    lsoa21_code              VARCHAR NOT NULL,
    change_code              VARCHAR NOT NULL CHECK (change_code IN ('U', 'S', 'M', 'X')),
    ltla22_code              VARCHAR NOT NULL,
    lsoa21_per_lsoa11        INTEGER NOT NULL,
    lsoa11_per_lsoa21        INTEGER NOT NULL,
    is_best_fit_2011_to_2021 BOOLEAN NOT NULL,
    is_best_fit_2021_to_2011 BOOLEAN NOT NULL,
    source_location          VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from (reference/bundles/<version>).
    reference_version        VARCHAR NOT NULL,
    loaded_at                TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa11_code, lsoa21_code)
);
