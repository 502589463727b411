DELETE FROM conformed.place_measure_trajectories WHERE place_id = $place_id;
