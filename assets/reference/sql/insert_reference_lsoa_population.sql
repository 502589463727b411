-- ONS mid-year estimates by LSOA in the bundle's contiguous age bands, persons, beside the
-- publisher's own all-ages total (so the bands adding up to it is a real check).
INSERT INTO raw.reference_lsoa_population BY NAME
SELECT
    lsoa_vintage,
    lsoa_code,
    year,
    sex,
    age_band,
    age_lower,
    age_upper,
    population,
    $source_location AS source_location,
    $reference_version AS reference_version,
    now() AS loaded_at
FROM read_parquet($path);
