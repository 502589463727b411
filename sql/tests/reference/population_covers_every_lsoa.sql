-- The latest all-ages population covers every English LSOA 2011 (the one vintage loaded). A gap
-- leaves some best fits and Core20 populations unweighted, not wrong: a warning.
{{ config(severity='warn') }}
WITH counted AS (
    SELECT lsoa_vintage AS lsoa_group, count(*) AS lsoas
    FROM {{ ref('lsoa_population_latest') }}
    GROUP BY lsoa_vintage
)
{{ lsoa_counts_not_englands('counted', {'2011': '2011'}) }}
