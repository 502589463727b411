INSERT OR REPLACE INTO conformed.dim_profile
SELECT CAST(j ->> 'Id' AS INTEGER), j ->> 'Key', j ->> 'Name', CAST(j -> 'GroupIds' AS INTEGER[])
FROM raw.fingertips_json, unnest(CAST(payload AS JSON[])) AS profiles(j)
WHERE response_id = $response_id;
