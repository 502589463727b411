-- A place's measures fed by declared extracts at the place's own council level (e.g. ASCOF by
-- council), beside England's and the region's rows from the same source. Fingertips values of
-- the same measure and period come first: an extract only fills what Fingertips does not have.
INSERT INTO marts.place_measure_values BY NAME
WITH place AS (
    SELECT * FROM conformed.places WHERE place_id = $place_id
),
measure_extracts AS (
    SELECT
        measures.* EXCLUDE (sex, age),
        extracts.area_code, extracts.sex, extracts.age, extracts.period_label,
        extracts.period_start, extracts.period_end, extracts.value, extracts.lower_ci_95,
        extracts.upper_ci_95, extracts.numerator, extracts.denominator, extracts.value_note
    FROM conformed.place_measures AS measures
    JOIN conformed.fact_extract_value_current AS extracts
        ON extracts.catalogue_indicator_id
           = coalesce(measures.catalogue_indicator_id, measures.place_id || ':' || measures.measure_id)
       AND extracts.breakdown = ''
       AND (measures.sex IS NULL OR extracts.sex = measures.sex)
       AND (measures.age IS NULL OR extracts.age = measures.age)
    WHERE measures.place_id = $place_id
)
SELECT
    own.place_id, own.outcome_id, own.outcome_name, own.priority_id, own.priority_name,
    own.measure_id, own.measure_name, own.role, own.catalogue_indicator_id,
    own.fingertips_indicator_id, own.unit, own.polarity, own.area_code,
    NULL AS area_name, own.sex, own.age, own.period_label AS time_period, own.period_start,
    own.period_end, own.value, own.lower_ci_95, own.upper_ci_95, NULL AS lower_ci_99_8,
    NULL AS upper_ci_99_8, own.numerator AS count, own.denominator, own.value_note,
    england.value AS england_value, england.lower_ci_95 AS england_lower_ci_95,
    england.upper_ci_95 AS england_upper_ci_95, place.region_code, region.value AS region_value,
    region.lower_ci_95 AS region_lower_ci_95, region.upper_ci_95 AS region_upper_ci_95,
    own.area_code AS series_area_code, false AS series_break, 'extract' AS source
FROM measure_extracts AS own
CROSS JOIN place
LEFT JOIN measure_extracts AS england
    ON england.measure_id = own.measure_id AND england.area_code = 'E92000001'
   AND england.sex = own.sex AND england.age = own.age
   AND england.period_label = own.period_label
LEFT JOIN measure_extracts AS region
    ON region.measure_id = own.measure_id AND region.area_code = place.region_code
   AND region.sex = own.sex AND region.age = own.age
   AND region.period_label = own.period_label
WHERE list_contains(place.area_codes, own.area_code)
  AND NOT EXISTS (
      SELECT 1 FROM marts.place_measure_values AS existing
      WHERE existing.place_id = own.place_id AND existing.measure_id = own.measure_id
        AND existing.area_code = own.area_code AND existing.sex = own.sex
        AND existing.age = own.age AND existing.time_period = own.period_label
  );
