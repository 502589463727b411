-- LSOAs whose single-year age bands do not add up to the source's own all-ages total (a column
-- lost or misread in a changed file layout would show here): a warning.
{{ config(severity='warn') }}
SELECT lsoa_vintage, lsoa_code, year, sex, total, sum_of_bands
FROM (
    SELECT
        lsoa_vintage,
        lsoa_code,
        year,
        sex,
        sum(population) FILTER (WHERE age_band = 'all ages') AS total,
        sum(population) FILTER (WHERE age_band <> 'all ages') AS sum_of_bands
    FROM {{ ref('lsoa_population') }}
    GROUP BY ALL
)
WHERE total IS DISTINCT FROM sum_of_bands
