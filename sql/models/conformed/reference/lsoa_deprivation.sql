-- One LSOA's national deprivation rank and decile in one IMD version, with its quintile and the
-- Core20 flag. Each IMD version ranks the LSOAs of one boundary vintage (IMD2019: LSOA 2011;
-- IoD2025: LSOA 2021), so the Core20 flag is only meaningful beside its imd_version.
SELECT
    imd_version,
    lsoa_code,
    lsoa_vintage,
    imd_rank,
    imd_decile,
    (imd_decile + 1) // 2 AS imd_quintile,
    -- Core20: the most deprived 20% nationally, i.e. national deciles 1 and 2.
    imd_decile <= 2 AS is_core20,
    source_location,
    reference_version,
    loaded_at
FROM {{ source('raw', 'reference_lsoa_deprivation') }}
