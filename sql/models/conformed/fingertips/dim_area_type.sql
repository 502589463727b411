-- Fingertips area types, each from the newest area types listing that names it (a type no
-- longer listed keeps its last row).
SELECT
    CAST(j ->> 'Id' AS INTEGER) AS area_type_id,
    j ->> 'Name' AS area_type_name,
    j ->> 'Short' AS area_type_short,
    CAST(j ->> 'IsSearchable' AS BOOLEAN) AS is_searchable,
    CAST(j ->> 'CanBeDisplayedOnMap' AS BOOLEAN) AS can_be_displayed_on_map
FROM {{ source('fingertips_area_types', 'json') }} AS listings
JOIN {{ source('fingertips_area_types', 'responses') }} AS responses USING (response_id),
    unnest(CAST(listings.payload AS JSON[])) AS area_types(j)
WHERE responses.endpoint = 'area_types'
QUALIFY row_number() OVER (PARTITION BY area_type_id ORDER BY listings.response_id DESC) = 1
