DELETE FROM conformed.place_measures WHERE place_id = $place_id;
