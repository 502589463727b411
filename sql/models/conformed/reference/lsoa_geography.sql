-- Each LSOA of both vintages with the local authorities (current codes, April 2023 on, for both
-- vintages, so a place named by its current council codes finds its LSOAs in either) and the NHS
-- areas it lies in, as the reference bundle's builder derived them (assets/reference/tables.py).
SELECT
    lsoa_code,
    lsoa_vintage,
    lsoa_name,
    ltla_code,
    utla_code,
    region_code,
    sub_icb_code,
    icb_code,
    local_authority_year,
    nhs_year,
    source_location,
    reference_version,
    loaded_at
FROM {{ source('raw', 'reference_lsoa_geography') }}
