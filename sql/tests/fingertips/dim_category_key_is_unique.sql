-- One row per category within a category type.
SELECT category_type_id, category_id, count(*) AS rows
FROM {{ ref('dim_category') }}
GROUP BY ALL
HAVING count(*) > 1
