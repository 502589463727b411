-- The current revision of every declared extract value: what marts and Core20 work read.
CREATE VIEW IF NOT EXISTS conformed.fact_extract_value_current AS
SELECT * EXCLUDE (is_current, superseded_by)
FROM conformed.fact_extract_value
WHERE is_current;
