DELETE FROM staging.place_lsoa_values WHERE place_id = $place_id;
