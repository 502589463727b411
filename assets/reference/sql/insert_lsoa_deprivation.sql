-- IMD rank and decile by LSOA for each IMD version in the bundle; quintile and Core20 follow.
INSERT INTO conformed.lsoa_deprivation BY NAME
SELECT
    imd_version,
    lsoa_code,
    lsoa_vintage,
    imd_rank,
    imd_decile,
    (imd_decile + 1) // 2 AS imd_quintile,
    -- Core20: the most deprived 20% nationally, i.e. national deciles 1 and 2.
    imd_decile <= 2 AS is_core20,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM read_parquet($path);
