-- A published review shows each measure (series) once: the join to the current values must find at
-- most one value per place, measure, sex, age and period, or the board's table would repeat rows.
SELECT review_id, measure_id, count(*) AS rows_for_measure
FROM {{ ref('review_trend') }}
GROUP BY review_id, measure_id
HAVING count(*) > 1
