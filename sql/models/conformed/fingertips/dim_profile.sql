-- Fingertips profiles, each from the newest profiles listing that names it (a profile no longer
-- listed keeps its last row).
SELECT
    CAST(j ->> 'Id' AS INTEGER) AS profile_id,
    j ->> 'Key' AS profile_key,
    j ->> 'Name' AS profile_name,
    CAST(j -> 'GroupIds' AS INTEGER[]) AS group_ids
FROM {{ source('fingertips_profiles', 'json') }} AS listings
JOIN {{ source('fingertips_profiles', 'responses') }} AS responses USING (response_id),
    unnest(CAST(listings.payload AS JSON[])) AS profiles(j)
WHERE responses.endpoint = 'profiles'
QUALIFY row_number() OVER (PARTITION BY profile_id ORDER BY listings.response_id DESC) = 1
