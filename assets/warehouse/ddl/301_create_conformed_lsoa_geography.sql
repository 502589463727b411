-- One LSOA of one boundary vintage with the local authorities and NHS areas it lies in. Local
-- authority codes are the current ones (April 2023 on) for both vintages, so a place named by
-- its current council codes finds its LSOAs in either vintage.
CREATE TABLE IF NOT EXISTS conformed.lsoa_geography (
    lsoa_code            VARCHAR NOT NULL,
    lsoa_vintage         VARCHAR NOT NULL,
    lsoa_name            VARCHAR NOT NULL,
    ltla_code            VARCHAR NOT NULL,
    utla_code            VARCHAR NOT NULL,
    region_code          VARCHAR NOT NULL,
    sub_icb_code         VARCHAR NOT NULL,
    icb_code             VARCHAR NOT NULL,
    local_authority_year INTEGER NOT NULL,
    nhs_year             INTEGER NOT NULL,
    source_location      VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from (reference/bundles/<version>).
    reference_version    VARCHAR NOT NULL,
    loaded_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa_vintage, lsoa_code)
);
