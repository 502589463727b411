-- Each LSOA of both vintages with its councils (current codes) and NHS areas, as the reference
-- bundle's builder derived them from the ONS lookups (assets/reference/tables.py).
INSERT INTO raw.reference_lsoa_geography BY NAME
SELECT
    lsoa_vintage,
    lsoa_code,
    lsoa_name,
    ltla_code,
    utla_code,
    region_code,
    sub_icb_code,
    icb_code,
    local_authority_year,
    nhs_year,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM read_parquet($path);
