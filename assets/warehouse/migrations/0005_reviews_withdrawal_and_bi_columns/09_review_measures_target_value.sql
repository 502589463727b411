ALTER TABLE IF EXISTS marts.review_measures ADD COLUMN IF NOT EXISTS target_value DOUBLE;
