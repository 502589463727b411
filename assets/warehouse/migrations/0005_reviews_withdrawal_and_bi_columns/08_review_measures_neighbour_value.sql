ALTER TABLE IF EXISTS marts.review_measures ADD COLUMN IF NOT EXISTS neighbour_value DOUBLE;
