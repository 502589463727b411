-- The ONS LSOA 2011 → 2021 lookup, England only as the IMD is (the bundle keeps English pairs
-- only): conformed.lsoa_bridge_2011_2021 (a dbt model) adds the best fits.
INSERT INTO raw.reference_lsoa_bridge_2011_2021 BY NAME
SELECT
    lsoa11_code,
    lsoa21_code,
    change_code,
    ltla22_code,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM read_parquet($path);
