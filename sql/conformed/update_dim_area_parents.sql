UPDATE conformed.dim_area AS areas
SET parent_area_code = links.parent_code, parent_area_type_id = $parent_area_type_id
FROM (
    SELECT parent_code, unnest(CAST(json_extract(payload, [parent_code])[1] AS VARCHAR[])) AS child_code
    FROM raw.fingertips_json, unnest(json_keys(payload)) AS keys(parent_code)
    WHERE response_id = $response_id
) AS links
WHERE areas.area_code = links.child_code AND areas.area_type_id = $child_area_type_id;
