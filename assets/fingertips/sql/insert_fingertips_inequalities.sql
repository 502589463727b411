-- fingertips_inequality_rows: computed in Polars, registered on the connection.
INSERT INTO marts.fingertips_inequalities BY NAME SELECT * FROM fingertips_inequality_rows;
