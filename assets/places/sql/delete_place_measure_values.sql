DELETE FROM marts.place_measure_values WHERE place_id = $place_id;
