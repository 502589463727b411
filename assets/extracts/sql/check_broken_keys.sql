-- Keys of one source broken: two rows of the same revision, or more than one current revision.
SELECT catalogue_indicator_id, area_code, area_level, sex, age, breakdown, period_label,
       'revision ' || revision || ' twice' AS clash
FROM conformed.fact_extract_value
WHERE source_id = $source_id
GROUP BY ALL
HAVING count(*) > 1
UNION ALL
SELECT catalogue_indicator_id, area_code, area_level, sex, age, breakdown, period_label,
       'current revisions ' || array_to_string(list(revision ORDER BY revision), ', ') AS clash
FROM conformed.fact_extract_value
WHERE source_id = $source_id AND is_current
GROUP BY ALL
HAVING count(*) > 1
LIMIT 10;
