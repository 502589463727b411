-- A place's Fingertips measures as series for each of its areas, with England's and the region's
-- values for the same indicator, sex, age and period. A continuous predecessor's values (an older
-- code for the same area) extend the series; where the area was formed by a split or merger, its
-- first period is flagged as a series break instead.
INSERT INTO marts.place_measure_values BY NAME
WITH place AS (
    SELECT * FROM conformed.places WHERE place_id = $place_id
),
series_areas AS (
    SELECT unnest(area_codes) AS area_code, unnest(area_codes) AS series_area_code FROM place
    UNION ALL
    SELECT area_code, predecessor_code
    FROM conformed.place_area_predecessors
    WHERE place_id = $place_id AND continuous
),
broken_areas AS (
    SELECT DISTINCT area_code
    FROM conformed.place_area_predecessors
    WHERE place_id = $place_id AND NOT continuous
),
place_values AS (
    SELECT
        measures.* EXCLUDE (sex, age),
        series.area_code,
        facts.area_code AS series_area_code,
        facts.area_name, facts.sex, facts.age, facts.time_period, facts.period_start,
        facts.period_end, facts.value, facts.lower_ci_95, facts.upper_ci_95,
        facts.lower_ci_99_8, facts.upper_ci_99_8, facts.count, facts.denominator,
        facts.value_note
    FROM conformed.place_measures AS measures
    JOIN conformed.fact_indicator_value AS facts
        ON facts.indicator_id = measures.fingertips_indicator_id
       AND facts.category_type = ''
       AND (measures.sex IS NULL OR facts.sex = measures.sex)
       AND (measures.age IS NULL OR facts.age = measures.age)
    JOIN series_areas AS series ON series.series_area_code = facts.area_code
    WHERE measures.place_id = $place_id
    -- One value per period: the area's own code before a predecessor's, the newest download first.
    QUALIFY row_number() OVER (
        PARTITION BY measures.measure_id, series.area_code, facts.sex, facts.age, facts.time_period
        ORDER BY (facts.area_code = series.area_code) DESC, facts.fetched_at DESC
    ) = 1
)
SELECT
    place_values.* EXCLUDE (
        measure_order, framework, framework_code, is_local, indicator_status, replaced_by, core20,
        target_value, target_by, target_direction, value_type, frequency
    ),
    england.value AS england_value,
    england.lower_ci_95 AS england_lower_ci_95,
    england.upper_ci_95 AS england_upper_ci_95,
    place.region_code,
    region.value AS region_value,
    region.lower_ci_95 AS region_lower_ci_95,
    region.upper_ci_95 AS region_upper_ci_95,
    broken_areas.area_code IS NOT NULL
        AND place_values.period_start = min(place_values.period_start) OVER (
            PARTITION BY place_values.measure_id, place_values.area_code, place_values.sex,
                         place_values.age
        ) AS series_break,
    'fingertips' AS source
FROM place_values
CROSS JOIN place
LEFT JOIN broken_areas USING (area_code)
LEFT JOIN conformed.fact_indicator_value AS england
    ON england.indicator_id = place_values.fingertips_indicator_id
   AND england.area_code = 'E92000001' AND england.category_type = ''
   AND england.sex = place_values.sex AND england.age = place_values.age
   AND england.time_period = place_values.time_period
LEFT JOIN conformed.fact_indicator_value AS region
    ON region.indicator_id = place_values.fingertips_indicator_id
   AND region.area_code = place.region_code AND region.category_type = ''
   AND region.sex = place_values.sex AND region.age = place_values.age
   AND region.time_period = place_values.time_period;
