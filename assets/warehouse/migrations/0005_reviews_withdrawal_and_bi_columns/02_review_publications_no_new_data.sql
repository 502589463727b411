ALTER TABLE IF EXISTS marts.review_publications ADD COLUMN IF NOT EXISTS no_new_data BOOLEAN DEFAULT false;
