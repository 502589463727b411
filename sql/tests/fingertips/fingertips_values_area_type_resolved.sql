-- Every value's area type id is resolved from the area listings by its code: a warning naming
-- the rows whose code no pulled listing holds, or holds under several types none of them the
-- requested one (pull those area types' listings to resolve them).
{{ config(severity='warn') }}
SELECT indicator_id, area_code, area_type, area_name, count(*) AS rows
FROM {{ ref('fingertips_values') }}
WHERE area_type_id IS NULL
GROUP BY ALL
