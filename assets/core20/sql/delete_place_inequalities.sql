DELETE FROM marts.place_inequalities WHERE place_id = $place_id;
