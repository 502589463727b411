-- IF EXISTS: a file from before versions may never have had the table; sql/ddl creates it whole
-- after the migrations.
-- The verdict's area type id (resolved by code), recorded for BI filters.
ALTER TABLE IF EXISTS marts.indicator_verdicts ADD COLUMN IF NOT EXISTS area_type_id INTEGER;
