DELETE FROM conformed.place_area_predecessors WHERE place_id = $place_id;
