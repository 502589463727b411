-- Each point's period start beside its end, so BI tools can place it on a date axis.
ALTER TABLE IF EXISTS marts.review_series ADD COLUMN IF NOT EXISTS period_start DATE;
