ALTER TABLE IF EXISTS marts.review_measures ADD COLUMN IF NOT EXISTS core20_definition VARCHAR;
