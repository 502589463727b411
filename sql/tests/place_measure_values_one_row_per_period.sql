-- marts.place_measure_values holds one value per place, measure, area, sex, age and period: the
-- key BI joins on (and marts.review_trend reads a published value's revision by).
SELECT place_id, measure_id, area_code, sex, age, time_period, count(*) AS rows
FROM {{ ref('place_measure_values') }}
GROUP BY ALL
HAVING count(*) > 1
