-- Current values of one source that share a key: there must be one current revision per value.
SELECT catalogue_indicator_id, area_code, area_level, sex, age, breakdown, period_label,
       list(revision ORDER BY revision) AS revisions
FROM conformed.fact_extract_value
WHERE source_id = $source_id AND is_current
GROUP BY ALL
HAVING count(*) > 1
LIMIT 10;
