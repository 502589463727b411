UPDATE conformed.dim_area AS areas
SET parent_area_code = links.parent_code, parent_area_type_id = $parent_area_type_id
FROM (
    SELECT entries.key AS parent_code, unnest(CAST(entries.value AS VARCHAR[])) AS child_code
    FROM raw.fingertips_json, json_each(fingertips_json.payload) AS entries
    WHERE response_id = $response_id
) AS links
WHERE areas.area_code = links.child_code AND areas.area_type_id = $child_area_type_id;
