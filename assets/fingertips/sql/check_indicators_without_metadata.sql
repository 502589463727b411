SELECT DISTINCT facts.indicator_id
FROM conformed.fact_indicator_value AS facts
ANTI JOIN conformed.dim_indicator AS indicators USING (indicator_id)
ORDER BY ALL
LIMIT 100;
