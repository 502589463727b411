INSERT INTO conformed.places VALUES (
    $place_id, $place_name, $area_codes, $area_type_id, $region_code, $region_name, $icb_code,
    $icb_name, $nearest_neighbours, $review_cadence, $review_month, $trajectory_years,
    $imd_version, $core20_deciles, $file_sha256, current_timestamp
);
