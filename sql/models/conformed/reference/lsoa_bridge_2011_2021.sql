-- One overlap between an LSOA 2011 and an LSOA 2021 (ONS lookup with its change code). A split or
-- merge gives several rows for one code; exactly one of them per code and direction is flagged as
-- the best fit, so counts carried across vintages land in one LSOA and are never duplicated.
--
-- The best fit of a code with several partners is the partner with the most people (latest
-- mid-year estimate at the partner's vintage), so a merged 2021 LSOA takes the 2011 LSOA most of
-- its residents came from. Where the partners' populations are not loaded (LSOA 2021 estimates,
-- for splits) the lowest code is taken: arbitrary but stable from run to run.
SELECT
    lookup.lsoa11_code,
    lookup.lsoa21_code,
    lookup.change_code,
    lookup.ltla22_code,
    -- INTEGER, as the table has always had them (count() is BIGINT).
    CAST(count(*) OVER (PARTITION BY lookup.lsoa11_code) AS INTEGER) AS lsoa21_per_lsoa11,
    CAST(count(*) OVER (PARTITION BY lookup.lsoa21_code) AS INTEGER) AS lsoa11_per_lsoa21,
    row_number() OVER (
        PARTITION BY lookup.lsoa11_code
        ORDER BY population21.population DESC NULLS LAST, lookup.lsoa21_code
    ) = 1 AS is_best_fit_2011_to_2021,
    row_number() OVER (
        PARTITION BY lookup.lsoa21_code
        ORDER BY population11.population DESC NULLS LAST, lookup.lsoa11_code
    ) = 1 AS is_best_fit_2021_to_2011,
    lookup.source_location,
    lookup.reference_version,
    lookup.loaded_at
FROM {{ source('raw', 'reference_lsoa_bridge_2011_2021') }} AS lookup
LEFT JOIN {{ ref('lsoa_population_latest') }} AS population11
    ON population11.lsoa_vintage = '2011' AND population11.lsoa_code = lookup.lsoa11_code
LEFT JOIN {{ ref('lsoa_population_latest') }} AS population21
    ON population21.lsoa_vintage = '2021' AND population21.lsoa_code = lookup.lsoa21_code
