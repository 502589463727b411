-- When the newest deprivation-decile facts the inequalities were computed from were fetched. Rows
-- from before it have none, so every indicator's inequalities are computed again on the next run.
ALTER TABLE IF EXISTS marts.fingertips_inequalities ADD COLUMN IF NOT EXISTS inputs_fetched_at TIMESTAMP;
