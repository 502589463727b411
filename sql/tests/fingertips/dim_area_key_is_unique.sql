-- One row per area code within an area type: the same code sits in several boundary vintages.
SELECT area_code, area_type_id, count(*) AS rows
FROM {{ ref('dim_area') }}
GROUP BY ALL
HAVING count(*) > 1
