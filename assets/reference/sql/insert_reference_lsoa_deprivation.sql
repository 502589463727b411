-- The bundle's IMD ranks and deciles by LSOA, as they are: conformed.lsoa_deprivation (a dbt
-- model) adds the quintile and the Core20 flag.
INSERT INTO raw.reference_lsoa_deprivation BY NAME
SELECT
    imd_version,
    lsoa_vintage,
    lsoa_code,
    imd_rank,
    imd_decile,
    lad_code,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM read_parquet($path);
