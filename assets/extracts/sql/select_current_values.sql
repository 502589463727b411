-- One source's current values with the name of the file each came from (for its expectation suite).
SELECT files.file_name, facts.*
FROM conformed.fact_extract_value_current AS facts
JOIN raw.extract_files AS files USING (file_id)
WHERE facts.source_id = $source_id
ORDER BY facts.file_id, facts.source_row;
