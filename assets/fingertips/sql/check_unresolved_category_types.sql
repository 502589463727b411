SELECT DISTINCT category_type
FROM conformed.fact_indicator_value
WHERE category_type <> '' AND category_type_id IS NULL
ORDER BY ALL
LIMIT 100;
