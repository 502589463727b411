-- Indicators whose inequalities are missing or were computed from older decile rows than the
-- warehouse now holds (inequality_inputs): only these are computed again.
SELECT inputs.indicator_id
FROM inequality_inputs AS inputs
LEFT JOIN (
    SELECT indicator_id, max(inputs_fetched_at) AS inputs_fetched_at
    FROM marts.fingertips_inequalities
    GROUP BY indicator_id
) AS computed USING (indicator_id)
WHERE computed.inputs_fetched_at IS DISTINCT FROM inputs.inputs_fetched_at
ORDER BY inputs.indicator_id;
