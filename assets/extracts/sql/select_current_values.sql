-- One source's current values with the name of the file each came from (for its expectation
-- suite): the columns of conformed.fact_extract_value_current, read from the revisions the loader
-- has just written, since dbt builds that view only after every extract asset has run.
SELECT files.file_name, facts.* EXCLUDE (is_current, superseded_by)
FROM conformed.fact_extract_value AS facts
JOIN raw.extract_files AS files USING (file_id)
WHERE facts.source_id = $source_id AND facts.is_current
ORDER BY facts.file_id, facts.source_row;
