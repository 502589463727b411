INSERT OR REPLACE INTO conformed.dim_area_type
SELECT CAST(j ->> 'Id' AS INTEGER), j ->> 'Name', j ->> 'Short',
       CAST(j ->> 'IsSearchable' AS BOOLEAN), CAST(j ->> 'CanBeDisplayedOnMap' AS BOOLEAN)
FROM raw.fingertips_json, unnest(CAST(payload AS JSON[])) AS areas(j)
WHERE response_id = $response_id;
