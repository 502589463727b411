-- Areas within each area type (boundary vintage), each from the newest listing of its type that
-- names it, with its parent from the newest parent-to-child answer for its type fetched since
-- (the areas run fetches the listings first, then the parents of each child type it pulls).
WITH areas AS (
    SELECT
        j ->> 'Code' AS area_code,
        -- Listings name each area's type; the type the listing was asked for covers any that do not.
        coalesce(
            CAST(j ->> 'AreaTypeId' AS INTEGER),
            {{ fingertips_request_id('responses.query', 'area_type_id') }}
        ) AS area_type_id,
        j ->> 'Name' AS area_name,
        j ->> 'Short' AS area_short_name,
        listings.response_id
    FROM {{ source('fingertips_areas', 'json') }} AS listings
    JOIN {{ source('fingertips_areas', 'responses') }} AS responses USING (response_id),
        unnest(CAST(listings.payload AS JSON[])) AS areas(j)
    WHERE responses.endpoint = 'areas/by_area_type'
    QUALIFY row_number() OVER (
        PARTITION BY area_code, area_type_id ORDER BY listings.response_id DESC
    ) = 1
),
parent_links AS (
    SELECT
        entries.key AS parent_area_code,
        unnest(CAST(entries.value AS VARCHAR[])) AS area_code,
        {{ fingertips_request_id('responses.query', 'child_area_type_id') }} AS area_type_id,
        {{ fingertips_request_id('responses.query', 'parent_area_type_id') }} AS parent_area_type_id,
        links.response_id
    FROM {{ source('fingertips_areas', 'json') }} AS links
    JOIN {{ source('fingertips_areas', 'responses') }} AS responses USING (response_id),
        json_each(links.payload) AS entries
    WHERE responses.endpoint = 'parent_to_child_areas'
)
SELECT
    areas.area_code,
    areas.area_type_id,
    areas.area_name,
    areas.area_short_name,
    parent_links.parent_area_code,
    parent_links.parent_area_type_id
FROM areas
LEFT JOIN parent_links
    ON parent_links.area_code = areas.area_code
   AND parent_links.area_type_id = areas.area_type_id
   AND parent_links.response_id > areas.response_id
QUALIFY row_number() OVER (
    PARTITION BY areas.area_code, areas.area_type_id ORDER BY parent_links.response_id DESC NULLS LAST
) = 1
