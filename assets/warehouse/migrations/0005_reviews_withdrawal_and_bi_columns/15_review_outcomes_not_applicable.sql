-- The roll-up's measures with no judgement of better or worse, so its columns add up to measures.
ALTER TABLE IF EXISTS marts.review_outcomes ADD COLUMN IF NOT EXISTS not_applicable BIGINT DEFAULT 0;
