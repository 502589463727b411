-- fingertips_inequality_rows: computed in Polars, registered on the connection; each row with its
-- indicator's inputs_fetched_at.
INSERT INTO marts.fingertips_inequalities BY NAME
SELECT computed.*, inputs.inputs_fetched_at
FROM fingertips_inequality_rows AS computed
JOIN inequality_inputs AS inputs USING (indicator_id);
