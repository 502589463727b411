INSERT OR REPLACE INTO conformed.dim_area
    (area_code, area_type_id, area_name, area_short_name, parent_area_code, parent_area_type_id)
SELECT j ->> 'Code', coalesce(CAST(j ->> 'AreaTypeId' AS INTEGER), $area_type_id),
       j ->> 'Name', j ->> 'Short', NULL, NULL
FROM raw.fingertips_json, unnest(CAST(payload AS JSON[])) AS areas(j)
WHERE response_id = $response_id;
