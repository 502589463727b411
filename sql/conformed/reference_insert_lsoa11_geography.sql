-- LSOA 2011 → sub-ICB, ICB (2022) and district (2022); districts are carried to their April 2023
-- successors (Cumbria, North Yorkshire and Somerset were reorganised whole), then to the county
-- or unitary (UTLA) and region. England only, as the IMD is.
-- Left joins: an LSOA whose district is missing from a lookup fails a NOT NULL column here
-- instead of vanishing from its place.
INSERT INTO conformed.lsoa_geography BY NAME
SELECT
    lsoas.lsoa11_code AS lsoa_code,
    '2011' AS lsoa_vintage,
    lsoas.lsoa11_name AS lsoa_name,
    districts.ltla23_code AS ltla_code,
    counties.utla23_code AS utla_code,
    regions.region24_code AS region_code,
    lsoas.sicbl22_code AS sub_icb_code,
    lsoas.icb22_code AS icb_code,
    2023 AS local_authority_year,
    2022 AS nhs_year,
    $source_location AS source_location,
    now() AS loaded_at
FROM read_csv($lsoa_lookup, all_varchar = true) AS lsoas
LEFT JOIN read_csv($district_changes, all_varchar = true) AS districts USING (ltla22_code)
LEFT JOIN read_csv($district_counties, all_varchar = true) AS counties USING (ltla23_code)
-- No English district changed between April 2023 and April 2024.
LEFT JOIN read_csv($district_regions, all_varchar = true) AS regions
    ON regions.ltla24_code = districts.ltla23_code
WHERE lsoas.lsoa11_code LIKE 'E%';
