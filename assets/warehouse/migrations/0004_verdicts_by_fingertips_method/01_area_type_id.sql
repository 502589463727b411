-- The verdict's area type id (resolved by code), recorded for BI filters.
ALTER TABLE marts.indicator_verdicts ADD COLUMN IF NOT EXISTS area_type_id INTEGER;
