ALTER TABLE IF EXISTS marts.review_measures ADD COLUMN IF NOT EXISTS latest_period_end DATE;
