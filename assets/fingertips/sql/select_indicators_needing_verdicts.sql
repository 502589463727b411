-- Indicators whose verdicts are missing or were computed from older facts or metadata than the
-- warehouse now holds: only these are judged again.
WITH inputs AS (
    SELECT facts.indicator_id,
           greatest(max(facts.fetched_at), max(indicators.metadata_fetched_at)) AS inputs_fetched_at
    FROM conformed.fact_indicator_value AS facts
    LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
    GROUP BY facts.indicator_id
),
judged AS (
    SELECT indicator_id, max(inputs_fetched_at) AS inputs_fetched_at
    FROM marts.indicator_verdicts
    GROUP BY indicator_id
)
SELECT inputs.indicator_id
FROM inputs
LEFT JOIN judged USING (indicator_id)
WHERE judged.inputs_fetched_at IS DISTINCT FROM inputs.inputs_fetched_at
ORDER BY inputs.indicator_id;
