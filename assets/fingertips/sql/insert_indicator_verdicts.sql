-- indicator_verdict_rows: computed in Polars, registered on the connection.
INSERT INTO marts.indicator_verdicts BY NAME SELECT * FROM indicator_verdict_rows;
