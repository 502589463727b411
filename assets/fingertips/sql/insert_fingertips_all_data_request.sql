INSERT INTO raw.fingertips_all_data_requests
    (response_id, indicator_id, child_area_type_id, parent_area_type_id, last_uploaded_at,
     parent_comparison_label)
VALUES
    ($response_id, $indicator_id, $child_area_type_id, $parent_area_type_id, $last_uploaded_at,
     $parent_comparison_label);
