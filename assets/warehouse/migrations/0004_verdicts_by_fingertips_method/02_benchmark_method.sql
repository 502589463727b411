-- The Fingertips benchmarking method each comparison followed, in Fingertips' words.
ALTER TABLE IF EXISTS marts.indicator_verdicts ADD COLUMN IF NOT EXISTS benchmark_method VARCHAR;
