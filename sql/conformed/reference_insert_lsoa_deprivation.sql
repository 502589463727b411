-- Columns are found by name pattern, so both MHCLG's own layout ("LSOA code (2011)", "Index of
-- Multiple Deprivation (IMD) Rank", ranks written "29,199") and the converted one ("lsoa21_code",
-- "IMD_rank") load; a file with neither fails here rather than loading the wrong column.
INSERT INTO conformed.lsoa_deprivation BY NAME
SELECT
    $imd_version AS imd_version,
    lsoa_code,
    $lsoa_vintage AS lsoa_vintage,
    imd_rank,
    imd_decile,
    (imd_decile + 1) // 2 AS imd_quintile,
    -- Core20: the most deprived 20% nationally, i.e. national deciles 1 and 2.
    imd_decile <= 2 AS is_core20,
    $source_location AS source_location,
    now() AS loaded_at
FROM (
    SELECT
        trim(COLUMNS('(?i)^lsoa.*code')) AS lsoa_code,
        replace(
            COLUMNS('(?i)^(imd_rank|index of multiple deprivation \(imd\) rank)'), ',', ''
        )::INTEGER AS imd_rank,
        COLUMNS('(?i)^(imd_decile|index of multiple deprivation \(imd\) decile)')::INTEGER
            AS imd_decile
    FROM read_csv($path, all_varchar = true)
);
