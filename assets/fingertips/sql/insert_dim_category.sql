INSERT OR REPLACE INTO conformed.dim_category
SELECT CAST(category_type.j ->> 'Id' AS INTEGER), category_type.j ->> 'Name',
       category_type.j ->> 'Short', CAST(category.j ->> 'Id' AS INTEGER),
       category.j ->> 'Name', category.j ->> 'ShortName'
FROM raw.fingertips_json,
     unnest(CAST(payload AS JSON[])) AS category_type(j),
     unnest(CAST(category_type.j -> 'Categories' AS JSON[])) AS category(j)
WHERE response_id = $response_id;
