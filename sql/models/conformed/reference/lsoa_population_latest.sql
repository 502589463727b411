-- Each LSOA's all-ages population in the latest mid-year loaded for its vintage: the weights
-- the 2011 ↔ 2021 bridge and the Core20 breakdowns use.
{{ config(materialized='view') }}
SELECT lsoa_code, lsoa_vintage, year, population
FROM {{ ref('lsoa_population') }}
WHERE sex = 'persons' AND age_band = 'all ages'
QUALIFY year = max(year) OVER (PARTITION BY lsoa_vintage)
