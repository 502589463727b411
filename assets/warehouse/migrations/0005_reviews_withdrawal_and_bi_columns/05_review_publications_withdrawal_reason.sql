ALTER TABLE IF EXISTS marts.review_publications ADD COLUMN IF NOT EXISTS withdrawal_reason VARCHAR;
