SELECT place_name, trajectory_years, nearest_neighbours
FROM conformed.places
WHERE place_id = $place_id;
