-- The given indicators' ($indicator_ids) Fingertips rows broken down by deprivation decile (of
-- any vintage of the IMD).
SELECT indicator_id, area_code, sex, age, category_type, category, time_period, value,
       lower_ci_95, upper_ci_95
FROM conformed.fact_indicator_value
WHERE category_type ILIKE '%deprivation decile%' AND list_contains($indicator_ids, indicator_id);
