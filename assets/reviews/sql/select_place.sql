SELECT place_name, trajectory_years
FROM conformed.places
WHERE place_id = $place_id;
