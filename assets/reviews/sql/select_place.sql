-- The place as loaded: its name, trend window, review cycle and Core20 cut.
SELECT place_name, trajectory_years, review_cadence, review_month, imd_version, core20_deciles
FROM conformed.places
WHERE place_id = $place_id;
