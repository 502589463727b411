-- What reviews published from now on also freeze: the latest period's dates (for BI tools), the
-- neighbours' mean beside its verdict, the place's target, and what the definitions sheet says.
-- Reviews published before stay as they were (NULL); marts.review_trend dates them from the
-- place's current values.
ALTER TABLE IF EXISTS marts.review_measures ADD COLUMN IF NOT EXISTS latest_period_start DATE;
