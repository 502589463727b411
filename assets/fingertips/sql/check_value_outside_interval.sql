SELECT indicator_id, area_code, time_period, category, value, lower_ci_95, upper_ci_95
FROM conformed.fact_indicator_value
WHERE value < lower_ci_95 OR value > upper_ci_95
ORDER BY ALL
LIMIT 100;
