-- The estimated population of one LSOA in one mid-year, by sex and contiguous age band (0-4, 5-9,
-- 10-14, 15, 16-17, 18-19, 20-24, … 85-89, 90+: any age the catalogue uses sums from them) and
-- 'all ages', the source's own total, not a sum of the bands.
SELECT
    lsoa_code,
    lsoa_vintage,
    year,
    sex,
    age_band,
    age_lower,
    age_upper,
    population,
    source_location,
    reference_version,
    loaded_at
FROM {{ source('raw', 'reference_lsoa_population') }}
