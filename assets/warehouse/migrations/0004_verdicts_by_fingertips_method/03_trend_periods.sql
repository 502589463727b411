-- The periods the recent trend was computed from.
ALTER TABLE IF EXISTS marts.indicator_verdicts ADD COLUMN IF NOT EXISTS trend_periods VARCHAR;
