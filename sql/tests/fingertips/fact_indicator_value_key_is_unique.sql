-- One row per indicator, area, area type, sex, age, category type, category and period: the key
-- BI joins on (the table's primary key before dbt built it).
SELECT indicator_id, area_code, area_type, sex, age, category_type, category, time_period, count(*) AS rows
FROM {{ ref('fact_indicator_value') }}
GROUP BY ALL
HAVING count(*) > 1
