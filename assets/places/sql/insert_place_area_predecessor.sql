INSERT INTO conformed.place_area_predecessors
VALUES ($place_id, $area_code, $predecessor_code, $predecessor_area_type_id, $continuous);
