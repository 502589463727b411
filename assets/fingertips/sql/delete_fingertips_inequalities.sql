-- The inequalities of the indicators about to be computed again ($indicator_ids), and of any
-- indicator the warehouse no longer holds decile rows for.
DELETE FROM marts.fingertips_inequalities
WHERE list_contains($indicator_ids, indicator_id)
   OR indicator_id NOT IN (SELECT indicator_id FROM inequality_inputs);
