-- A withdrawn review is kept as published, marked withdrawn (when, by whom, why), and is never a
-- later review's "previous review".
ALTER TABLE IF EXISTS marts.review_publications ADD COLUMN IF NOT EXISTS withdrawn_at TIMESTAMPTZ;
