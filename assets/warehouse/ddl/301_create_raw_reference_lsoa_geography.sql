-- The reference bundle's lsoa_geography table as last loaded: one LSOA of one boundary vintage
-- with the councils (current codes) and NHS areas it lies in. Each load replaces the rows.
-- conformed.lsoa_geography is built from it (sql/models); the extract loader checks LSOA codes
-- against it.
CREATE TABLE IF NOT EXISTS raw.reference_lsoa_geography (
    lsoa_vintage         VARCHAR NOT NULL,
    lsoa_code            VARCHAR NOT NULL,
    lsoa_name            VARCHAR NOT NULL,
    ltla_code            VARCHAR NOT NULL,
    utla_code            VARCHAR NOT NULL,
    region_code          VARCHAR NOT NULL,
    sub_icb_code         VARCHAR NOT NULL,
    icb_code             VARCHAR NOT NULL,
    local_authority_year INTEGER NOT NULL,
    nhs_year             INTEGER NOT NULL,
    source_location      VARCHAR NOT NULL,
    -- The reference bundle version the row was loaded from.
    reference_version    VARCHAR NOT NULL,
    loaded_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa_vintage, lsoa_code)
);
