-- When the newest facts or metadata the verdicts were computed from were fetched. Rows from
-- before it have none, so every indicator is judged again on the next run.
ALTER TABLE IF EXISTS marts.indicator_verdicts ADD COLUMN IF NOT EXISTS inputs_fetched_at TIMESTAMP;
