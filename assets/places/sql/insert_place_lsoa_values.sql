-- place_lsoa_value_rows: a place's LSOA extracts summed to the place with their intervals,
-- registered from Polars.
INSERT INTO staging.place_lsoa_values BY NAME
SELECT
    $place_id AS place_id, measure_id, area_code, sex, age, period_label, period_start,
    period_end, numerator, denominator, value, lower_ci_95, upper_ci_95, value_note
FROM place_lsoa_value_rows;
