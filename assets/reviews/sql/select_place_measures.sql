-- A place's measures in framework order, with what the trend table needs to judge them.
SELECT place_id, outcome_id, outcome_name, priority_id, priority_name, measure_id, measure_name,
       measure_order, role, catalogue_indicator_id, fingertips_indicator_id, is_local, unit,
       coalesce(value_type, 'score') AS value_type, frequency, polarity, indicator_status,
       target_value, target_by
FROM conformed.place_measures
WHERE place_id = $place_id
ORDER BY measure_order;
