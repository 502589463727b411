-- The best fit of a code with several partners is the partner with the most people (latest
-- mid-year estimate at the partner's vintage), so a merged 2021 LSOA takes the 2011 LSOA most of
-- its residents came from. Where the partners' populations are not loaded (LSOA 2021 estimates,
-- for splits) the lowest code is taken: arbitrary but stable from run to run.
INSERT INTO conformed.lsoa_bridge_2011_2021 BY NAME
WITH lookup AS (
    SELECT lsoa11_code, lsoa21_code, change_code, ltla22_code
    -- England only, as the IMD is (the bundle keeps English pairs only).
    FROM read_parquet($path)
)
SELECT
    lookup.lsoa11_code,
    lookup.lsoa21_code,
    lookup.change_code,
    lookup.ltla22_code,
    count(*) OVER (PARTITION BY lookup.lsoa11_code) AS lsoa21_per_lsoa11,
    count(*) OVER (PARTITION BY lookup.lsoa21_code) AS lsoa11_per_lsoa21,
    row_number() OVER (
        PARTITION BY lookup.lsoa11_code
        ORDER BY population21.population DESC NULLS LAST, lookup.lsoa21_code
    ) = 1 AS is_best_fit_2011_to_2021,
    row_number() OVER (
        PARTITION BY lookup.lsoa21_code
        ORDER BY population11.population DESC NULLS LAST, lookup.lsoa11_code
    ) = 1 AS is_best_fit_2021_to_2011,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM lookup
LEFT JOIN conformed.lsoa_population_latest AS population11
    ON population11.lsoa_vintage = '2011' AND population11.lsoa_code = lookup.lsoa11_code
LEFT JOIN conformed.lsoa_population_latest AS population21
    ON population21.lsoa_vintage = '2021' AND population21.lsoa_code = lookup.lsoa21_code;
