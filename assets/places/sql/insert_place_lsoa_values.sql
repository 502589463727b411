-- place_lsoa_values: a place's LSOA extracts summed to the place with their intervals, registered
-- from Polars. As with council-level extracts, Fingertips values come first.
INSERT INTO marts.place_measure_values BY NAME
SELECT
    measures.place_id, measures.outcome_id, measures.outcome_name, measures.priority_id,
    measures.priority_name, measures.measure_id, measures.measure_name, measures.role,
    measures.catalogue_indicator_id, measures.fingertips_indicator_id, measures.unit,
    measures.polarity, sums.area_code, NULL AS area_name, sums.sex, sums.age,
    sums.period_label AS time_period, sums.period_start, sums.period_end, sums.value,
    sums.lower_ci_95, sums.upper_ci_95, NULL AS lower_ci_99_8, NULL AS upper_ci_99_8,
    sums.numerator AS count, sums.denominator, sums.value_note, NULL AS england_value,
    NULL AS england_lower_ci_95, NULL AS england_upper_ci_95, places.region_code,
    NULL AS region_value, NULL AS region_lower_ci_95, NULL AS region_upper_ci_95,
    sums.area_code AS series_area_code, false AS series_break, 'extract' AS source
FROM place_lsoa_values AS sums
JOIN conformed.place_measures AS measures
    ON measures.place_id = $place_id AND measures.measure_id = sums.measure_id
JOIN conformed.places AS places ON places.place_id = $place_id
WHERE NOT EXISTS (
    SELECT 1 FROM marts.place_measure_values AS existing
    WHERE existing.place_id = $place_id AND existing.measure_id = sums.measure_id
      AND existing.area_code = sums.area_code AND existing.sex = sums.sex
      AND existing.age = sums.age AND existing.time_period = sums.period_label
);
