-- A place's LSOA-level extract counts summed by each LSOA's national deprivation under the IMD
-- version the place chose: Core20 / rest of place, national quintiles and deciles (1 = most
-- deprived); built for the places of a run (the var place_ids: one, or a night's many at once).
-- Counts whose LSOA vintage differs from the IMD's are carried across by the best-fit bridge (one
-- LSOA of the other vintage per code, so nothing is counted twice). An LSOA with no decile is
-- kept: its counts go to the value 'unmatched' of every breakdown type, so each type's rows add up
-- to the place's totals, and every row says how many LSOAs were unmatched.
{{ config(
    tags=['per_place'],
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='place_id',
    pre_hook="{{ delete_place_rows() }}",
) }}

WITH place AS (
    SELECT
        place_id,
        imd_version,
        core20_deciles,
        -- Each IMD version ranks the LSOAs of one vintage (IMD2019: 2011; IoD2025: 2021).
        (
            SELECT any_value(lsoa_vintage)
            FROM {{ ref('lsoa_deprivation') }} AS deprivation
            WHERE deprivation.imd_version = places.imd_version
        ) AS imd_vintage
    FROM {{ source('conformed', 'places') }} AS places
    WHERE place_id IN {{ place_ids() }}
),
-- Current revisions only. Every row is kept, whether or not its code is a known LSOA.
counts AS (
    SELECT
        place AS place_id,
        source_id,
        catalogue_indicator_id AS indicator,
        sex,
        age,
        breakdown AS extract_breakdown,
        period_label,
        is_synthetic,
        area_code AS lsoa_code,
        -- area_level 'lsoa2011' → vintage '2011'
        right(area_level, 4) AS lsoa_vintage,
        numerator,
        denominator,
        -- A repeated LSOA would count its population twice: refuse it rather than guess which row.
        CASE
            WHEN count(*) OVER (
                PARTITION BY place, source_id, catalogue_indicator_id, sex, age, breakdown,
                             period_label, is_synthetic, area_level, area_code
            ) > 1
            THEN error(
                'an extract row repeats LSOA ' || area_code || ' of ' || catalogue_indicator_id
                || ' ' || period_label || ' (source ' || source_id || ')'
            )
        END AS refused
    FROM {{ ref('fact_extract_value_current') }}
    WHERE place IN {{ place_ids() }} AND area_level IN ('lsoa2011', 'lsoa2021')
),
best_fits AS (
    SELECT '2011' AS lsoa_vintage, lsoa11_code AS lsoa_code, lsoa21_code AS imd_lsoa_code
    FROM {{ ref('lsoa_bridge_2011_2021') }}
    WHERE is_best_fit_2011_to_2021
    UNION ALL
    SELECT '2021', lsoa21_code, lsoa11_code
    FROM {{ ref('lsoa_bridge_2011_2021') }}
    WHERE is_best_fit_2021_to_2011
),
-- Each count with the decile and quintile of the LSOA it falls in under the place's IMD.
classified AS (
    SELECT
        counts.* EXCLUDE (refused),
        deprivation.imd_decile,
        deprivation.imd_quintile,
        deprivation.imd_decile IS NOT NULL AS matched,
        list_contains(place.core20_deciles, deprivation.imd_decile) AS is_core20,
        population.population
    FROM counts
    JOIN place USING (place_id)
    LEFT JOIN best_fits
        ON best_fits.lsoa_vintage = counts.lsoa_vintage
       AND best_fits.lsoa_code = counts.lsoa_code
       AND best_fits.lsoa_vintage != place.imd_vintage
    LEFT JOIN {{ ref('lsoa_deprivation') }} AS deprivation
        ON deprivation.imd_version = place.imd_version
       AND deprivation.lsoa_code = CASE
               WHEN counts.lsoa_vintage = place.imd_vintage THEN counts.lsoa_code
               ELSE best_fits.imd_lsoa_code
           END
    LEFT JOIN {{ ref('lsoa_population_latest') }} AS population
        ON population.lsoa_vintage = counts.lsoa_vintage
       AND population.lsoa_code = counts.lsoa_code
    -- Read the refusal, so that it is evaluated.
    WHERE counts.refused IS NULL
),
labelled AS (
    SELECT *, 'core20' AS breakdown_type,
           CASE WHEN is_core20 THEN 'core20' ELSE 'rest of place' END AS label
    FROM classified
    UNION ALL
    SELECT *, 'quintile', imd_quintile::VARCHAR FROM classified
    UNION ALL
    SELECT *, 'decile', imd_decile::VARCHAR FROM classified
),
by_group AS (
    SELECT
        place_id, source_id, indicator, sex, age, extract_breakdown, period_label, is_synthetic,
        breakdown_type,
        CASE WHEN matched THEN label ELSE 'unmatched' END AS breakdown_value,
        -- An unknown (null) count makes its group's total unknown: a gap is never read as zero.
        CASE WHEN count(*) = count(numerator) THEN sum(numerator) END AS numerator,
        CASE WHEN count(*) = count(denominator) THEN sum(denominator) END AS denominator,
        count(*)::BIGINT AS lsoa_count,
        CASE WHEN count(*) = count(population) THEN sum(population)::BIGINT END AS population
    FROM labelled
    GROUP BY ALL
),
-- Every (breakdown_type, breakdown_value) a key gets: an empty group is a row of zeros rather
-- than a missing row, so "no Core20 LSOAs here" reads as zero.
grid AS (
    SELECT * FROM (VALUES ('core20', 'core20'), ('core20', 'rest of place')) AS t (breakdown_type, breakdown_value)
    UNION ALL
    SELECT 'quintile', quintile::VARCHAR FROM range(1, 6) AS t (quintile)
    UNION ALL
    SELECT 'decile', decile::VARCHAR FROM range(1, 11) AS t (decile)
),
keys AS (
    SELECT
        place_id, source_id, indicator, sex, age, extract_breakdown, period_label, is_synthetic,
        count(*) FILTER (WHERE NOT matched)::BIGINT AS unmatched_lsoas
    FROM classified
    GROUP BY ALL
),
empty_groups AS (
    SELECT
        keys.place_id, keys.source_id, keys.indicator, keys.sex, keys.age, keys.extract_breakdown,
        keys.period_label, keys.is_synthetic, grid.breakdown_type, grid.breakdown_value,
        0.0 AS numerator, 0.0 AS denominator, 0::BIGINT AS lsoa_count, 0::BIGINT AS population
    FROM keys
    CROSS JOIN grid
    ANTI JOIN by_group USING (
        place_id, source_id, indicator, sex, age, extract_breakdown, period_label, is_synthetic,
        breakdown_type, breakdown_value
    )
),
groups AS (
    SELECT * FROM by_group
    UNION ALL
    SELECT * FROM empty_groups
)
SELECT
    place.place_id,
    groups.source_id,
    groups.indicator,
    groups.sex,
    groups.age,
    groups.extract_breakdown,
    groups.period_label,
    groups.is_synthetic,
    place.imd_version,
    groups.breakdown_type,
    groups.breakdown_value,
    groups.numerator::DOUBLE AS numerator,
    groups.denominator::DOUBLE AS denominator,
    groups.lsoa_count,
    groups.population,
    keys.unmatched_lsoas,
    -- The reference bundle whose deciles the cut used (the deprivation table holds one).
    (
        SELECT any_value(reference_version) FROM {{ ref('lsoa_deprivation') }}
    ) AS reference_version
FROM groups
JOIN place USING (place_id)
JOIN keys USING (
    place_id, source_id, indicator, sex, age, extract_breakdown, period_label, is_synthetic
)
