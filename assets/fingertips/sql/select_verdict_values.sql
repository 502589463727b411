-- The values of the given indicators ($indicator_ids) the verdicts are computed from.
SELECT * FROM verdict_values WHERE list_contains($indicator_ids, indicator_id);
