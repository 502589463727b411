-- LSOA 2021 → district (2024) and sub-ICB, ICB (2024); the district's county or unitary (UTLA)
-- comes from the April 2023 lookup, as no English district changed between April 2023 and
-- April 2024. England only, as the IMD is.
-- Left joins: an LSOA whose district is missing from a lookup fails a NOT NULL column here
-- instead of vanishing from its place.
INSERT INTO conformed.lsoa_geography BY NAME
SELECT
    lsoas.lsoa21_code AS lsoa_code,
    '2021' AS lsoa_vintage,
    lsoas.lsoa21_name AS lsoa_name,
    lsoas.ltla24_code AS ltla_code,
    counties.utla23_code AS utla_code,
    regions.region24_code AS region_code,
    nhs.sicbl24_code AS sub_icb_code,
    nhs.icb24_code AS icb_code,
    2024 AS local_authority_year,
    2024 AS nhs_year,
    $source_location AS source_location,
    now() AS loaded_at
FROM read_csv($lsoa_lookup, all_varchar = true) AS lsoas
LEFT JOIN read_csv($lsoa_nhs_lookup, all_varchar = true) AS nhs USING (lsoa21_code)
LEFT JOIN read_csv($district_counties, all_varchar = true) AS counties
    ON counties.ltla23_code = lsoas.ltla24_code
LEFT JOIN read_csv($district_regions, all_varchar = true) AS regions USING (ltla24_code)
WHERE lsoas.lsoa21_code LIKE 'E%';
