-- One source's values: current, and kept as superseded revisions.
SELECT
    count(*) FILTER (WHERE is_current) AS current_values,
    count(*) FILTER (WHERE NOT is_current) AS superseded_values
FROM conformed.fact_extract_value
WHERE source_id = $source_id;
