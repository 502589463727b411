DELETE FROM conformed.core20_breakdown WHERE place_id = $place_id;
