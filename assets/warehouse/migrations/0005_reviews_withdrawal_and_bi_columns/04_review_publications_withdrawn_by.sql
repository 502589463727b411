ALTER TABLE IF EXISTS marts.review_publications ADD COLUMN IF NOT EXISTS withdrawn_by VARCHAR;
