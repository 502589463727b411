SELECT DISTINCT indicator_id, time_period
FROM conformed.fact_indicator_value
WHERE period_start IS NULL
ORDER BY ALL
LIMIT 100;
