DELETE FROM conformed.places WHERE place_id = $place_id;
