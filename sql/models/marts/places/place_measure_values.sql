-- A place's measures as series for each of its areas, beside England's and the region's values
-- for the same indicator, sex, age and period; built for the places of a run (the var place_ids:
-- one, or a night's many at once, so dbt's own work per model and test is paid once a night).
-- Fingertips values come first; a declared extract at the place's own council level (e.g. ASCOF
-- by council) fills only what Fingertips does not have, and the place's LSOA extracts summed to
-- the place (staging.place_lsoa_values, with intervals computed in Python) only what neither has.
{{ config(
    tags=['per_place'],
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='place_id',
    pre_hook="{{ delete_place_rows() }}",
) }}

WITH place AS (
    SELECT * FROM {{ source('conformed', 'places') }} WHERE place_id IN {{ place_ids() }}
),
measures AS (
    SELECT * FROM {{ source('conformed', 'place_measures') }} WHERE place_id IN {{ place_ids() }}
),
predecessors AS (
    SELECT *
    FROM {{ source('conformed', 'place_area_predecessors') }}
    WHERE place_id IN {{ place_ids() }}
),
facts AS (
    SELECT * FROM {{ ref('fact_indicator_value') }} WHERE category_type = ''
),
-- A continuous predecessor's values (an older code for the same area) extend the series; where
-- the area was formed by a split or merger, its first period is flagged as a series break instead.
series_areas AS (
    SELECT place_id, unnest(area_codes) AS area_code, unnest(area_codes) AS series_area_code
    FROM place
    UNION ALL
    SELECT place_id, area_code, predecessor_code FROM predecessors WHERE continuous
),
broken_areas AS (
    SELECT DISTINCT place_id, area_code FROM predecessors WHERE NOT continuous
),
fingertips_values AS (
    SELECT
        measures.* EXCLUDE (sex, age),
        series.area_code,
        facts.area_code AS series_area_code,
        facts.area_name, facts.sex, facts.age, facts.time_period, facts.period_start,
        facts.period_end, facts.value, facts.lower_ci_95, facts.upper_ci_95,
        facts.lower_ci_99_8, facts.upper_ci_99_8, facts.count, facts.denominator,
        facts.value_note
    FROM measures
    JOIN facts
        ON facts.indicator_id = measures.fingertips_indicator_id
       AND (measures.sex IS NULL OR facts.sex = measures.sex)
       AND (measures.age IS NULL OR facts.age = measures.age)
    JOIN series_areas AS series
        ON series.place_id = measures.place_id AND series.series_area_code = facts.area_code
    -- One value per period: the area's own code before a predecessor's, the newest download first.
    QUALIFY row_number() OVER (
        PARTITION BY measures.place_id, measures.measure_id, series.area_code, facts.sex, facts.age,
                     facts.time_period
        ORDER BY (facts.area_code = series.area_code) DESC, facts.fetched_at DESC
    ) = 1
),
fingertips AS (
    SELECT
        own.place_id, own.outcome_id, own.outcome_name, own.priority_id, own.priority_name,
        own.measure_id, own.measure_name, own.role, own.catalogue_indicator_id,
        own.fingertips_indicator_id, own.unit, own.polarity, own.area_code, own.area_name,
        own.sex, own.age, own.time_period, own.period_start, own.period_end, own.value,
        own.lower_ci_95, own.upper_ci_95, own.lower_ci_99_8, own.upper_ci_99_8, own.count,
        own.denominator, own.value_note,
        england.value AS england_value,
        england.lower_ci_95 AS england_lower_ci_95,
        england.upper_ci_95 AS england_upper_ci_95,
        place.region_code,
        region.value AS region_value,
        region.lower_ci_95 AS region_lower_ci_95,
        region.upper_ci_95 AS region_upper_ci_95,
        own.series_area_code,
        broken_areas.area_code IS NOT NULL
            AND own.period_start = min(own.period_start) OVER (
                PARTITION BY own.place_id, own.measure_id, own.area_code, own.sex, own.age
            ) AS series_break,
        'fingertips' AS source
    FROM fingertips_values AS own
    JOIN place ON place.place_id = own.place_id
    LEFT JOIN broken_areas
        ON broken_areas.place_id = own.place_id AND broken_areas.area_code = own.area_code
    LEFT JOIN facts AS england
        ON england.indicator_id = own.fingertips_indicator_id
       AND england.area_code = 'E92000001'
       AND england.sex = own.sex AND england.age = own.age
       AND england.time_period = own.time_period
    LEFT JOIN facts AS region
        ON region.indicator_id = own.fingertips_indicator_id
       AND region.area_code = place.region_code
       AND region.sex = own.sex AND region.age = own.age
       AND region.time_period = own.time_period
),
-- The place's measures fed by declared extracts, beside England's and the region's rows from the
-- same source.
measure_extracts AS (
    SELECT
        measures.* EXCLUDE (sex, age),
        extracts.area_code, extracts.sex, extracts.age, extracts.period_label,
        extracts.period_start, extracts.period_end, extracts.value, extracts.lower_ci_95,
        extracts.upper_ci_95, extracts.numerator, extracts.denominator, extracts.value_note
    FROM measures
    JOIN {{ ref('fact_extract_value_current') }} AS extracts
        ON extracts.catalogue_indicator_id
           = coalesce(measures.catalogue_indicator_id, measures.place_id || ':' || measures.measure_id)
       AND extracts.breakdown = ''
       AND (measures.sex IS NULL OR extracts.sex = measures.sex)
       AND (measures.age IS NULL OR extracts.age = measures.age)
),
extracts AS (
    SELECT
        own.place_id, own.outcome_id, own.outcome_name, own.priority_id, own.priority_name,
        own.measure_id, own.measure_name, own.role, own.catalogue_indicator_id,
        own.fingertips_indicator_id, own.unit, own.polarity, own.area_code,
        NULL::VARCHAR AS area_name, own.sex, own.age, own.period_label AS time_period,
        own.period_start, own.period_end, own.value, own.lower_ci_95, own.upper_ci_95,
        NULL::DOUBLE AS lower_ci_99_8, NULL::DOUBLE AS upper_ci_99_8, own.numerator AS count,
        own.denominator, own.value_note,
        england.value AS england_value,
        england.lower_ci_95 AS england_lower_ci_95,
        england.upper_ci_95 AS england_upper_ci_95,
        place.region_code,
        region.value AS region_value,
        region.lower_ci_95 AS region_lower_ci_95,
        region.upper_ci_95 AS region_upper_ci_95,
        own.area_code AS series_area_code,
        false AS series_break,
        'extract' AS source
    FROM measure_extracts AS own
    JOIN place ON place.place_id = own.place_id
    -- A measure id is unique within its place only.
    LEFT JOIN measure_extracts AS england
        ON england.place_id = own.place_id AND england.measure_id = own.measure_id
       AND england.area_code = 'E92000001'
       AND england.sex = own.sex AND england.age = own.age
       AND england.period_label = own.period_label
    LEFT JOIN measure_extracts AS region
        ON region.place_id = own.place_id AND region.measure_id = own.measure_id
       AND region.area_code = place.region_code
       AND region.sex = own.sex AND region.age = own.age
       AND region.period_label = own.period_label
    WHERE list_contains(place.area_codes, own.area_code)
      AND NOT EXISTS (
          SELECT 1 FROM fingertips AS existing
          WHERE existing.place_id = own.place_id AND existing.measure_id = own.measure_id
            AND existing.area_code = own.area_code
            AND existing.sex = own.sex AND existing.age = own.age
            AND existing.time_period = own.period_label
      )
),
fingertips_and_extracts AS (
    SELECT * FROM fingertips
    UNION ALL
    SELECT * FROM extracts
),
lsoa_sums AS (
    SELECT
        measures.place_id, measures.outcome_id, measures.outcome_name, measures.priority_id,
        measures.priority_name, measures.measure_id, measures.measure_name, measures.role,
        measures.catalogue_indicator_id, measures.fingertips_indicator_id, measures.unit,
        measures.polarity, sums.area_code, NULL::VARCHAR AS area_name, sums.sex, sums.age,
        sums.period_label AS time_period, sums.period_start, sums.period_end, sums.value,
        sums.lower_ci_95, sums.upper_ci_95, NULL::DOUBLE AS lower_ci_99_8,
        NULL::DOUBLE AS upper_ci_99_8, sums.numerator AS count, sums.denominator, sums.value_note,
        NULL::DOUBLE AS england_value, NULL::DOUBLE AS england_lower_ci_95,
        NULL::DOUBLE AS england_upper_ci_95, place.region_code, NULL::DOUBLE AS region_value,
        NULL::DOUBLE AS region_lower_ci_95, NULL::DOUBLE AS region_upper_ci_95,
        sums.area_code AS series_area_code, false AS series_break, 'extract' AS source
    FROM {{ source('staging', 'place_lsoa_values') }} AS sums
    JOIN measures ON measures.place_id = sums.place_id AND measures.measure_id = sums.measure_id
    JOIN place ON place.place_id = sums.place_id
    WHERE NOT EXISTS (
          SELECT 1 FROM fingertips_and_extracts AS existing
          WHERE existing.place_id = sums.place_id AND existing.measure_id = sums.measure_id
            AND existing.area_code = sums.area_code
            AND existing.sex = sums.sex AND existing.age = sums.age
            AND existing.time_period = sums.period_label
      )
)
SELECT * FROM fingertips_and_extracts
UNION ALL
SELECT * FROM lsoa_sums
