-- Every category of every Fingertips category type, each from the newest category types listing
-- that names it (a category no longer listed keeps its last row).
SELECT
    CAST(category_type.j ->> 'Id' AS INTEGER) AS category_type_id,
    category_type.j ->> 'Name' AS category_type_name,
    category_type.j ->> 'Short' AS category_type_short,
    CAST(category.j ->> 'Id' AS INTEGER) AS category_id,
    category.j ->> 'Name' AS category_name,
    category.j ->> 'ShortName' AS category_short_name
FROM {{ source('fingertips_category_types', 'json') }} AS listings
JOIN {{ source('fingertips_category_types', 'responses') }} AS responses USING (response_id),
    unnest(CAST(listings.payload AS JSON[])) AS category_type(j),
    unnest(CAST(category_type.j -> 'Categories' AS JSON[])) AS category(j)
WHERE responses.endpoint = 'category_types'
QUALIFY row_number() OVER (
    PARTITION BY category_type_id, category_id ORDER BY listings.response_id DESC
) = 1
