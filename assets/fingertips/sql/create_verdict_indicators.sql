-- The indicators about to be judged ($indicator_ids), once for the whole step: how many values
-- each holds, whether Fingertips compares it by quintiles (its areas are then ranked against each
-- other, so it is judged whole), and inputs_fetched_at, when the newest of its facts or metadata
-- was fetched (verdicts are recomputed when it moves).
CREATE OR REPLACE TEMP TABLE verdict_indicators AS
SELECT facts.indicator_id, count(*) AS row_count,
       coalesce(any_value(indicators.comparator_method_id) = $quintiles, false) AS by_quintiles,
       greatest(max(facts.fetched_at), max(indicators.metadata_fetched_at))
           AS inputs_fetched_at
FROM conformed.fact_indicator_value AS facts
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
WHERE list_contains($indicator_ids, facts.indicator_id)
GROUP BY facts.indicator_id;
