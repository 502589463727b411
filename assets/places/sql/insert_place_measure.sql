INSERT INTO conformed.place_measures BY NAME
SELECT
    $place_id AS place_id, $outcome_id AS outcome_id, $outcome_name AS outcome_name,
    $priority_id AS priority_id, $priority_name AS priority_name, $measure_id AS measure_id,
    $measure_name AS measure_name, $measure_order AS measure_order, $role AS role,
    $catalogue_indicator_id AS catalogue_indicator_id,
    $fingertips_indicator_id AS fingertips_indicator_id, $framework AS framework,
    $framework_code AS framework_code, $is_local AS is_local, $unit AS unit,
    $value_type AS value_type, $frequency AS frequency, $polarity AS polarity, $indicator_status AS indicator_status, $replaced_by AS replaced_by,
    $sex AS sex, $age AS age, $core20 AS core20, $target_value AS target_value,
    $target_by AS target_by, $target_direction AS target_direction;
