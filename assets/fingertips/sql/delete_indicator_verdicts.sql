-- The verdicts of the indicators about to be judged again ($indicator_ids), and of any indicator
-- the warehouse no longer holds values for.
DELETE FROM marts.indicator_verdicts
WHERE list_contains($indicator_ids, indicator_id)
   OR indicator_id NOT IN (SELECT DISTINCT indicator_id FROM conformed.fact_indicator_value);
