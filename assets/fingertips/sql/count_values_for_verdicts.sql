-- How many values each indicator about to be judged holds ($indicator_ids), and whether Fingertips
-- compares it by quintiles (its areas are then ranked against each other, so it is judged whole).
SELECT facts.indicator_id, count(*) AS row_count,
       coalesce(any_value(indicators.comparator_method_id) = $quintiles, false) AS by_quintiles
FROM conformed.fact_indicator_value AS facts
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
WHERE list_contains($indicator_ids, facts.indicator_id)
GROUP BY facts.indicator_id
ORDER BY facts.indicator_id;
