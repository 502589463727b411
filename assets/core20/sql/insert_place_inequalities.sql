-- place_inequality_rows: computed in Polars, registered on the connection.
INSERT INTO marts.place_inequalities BY NAME SELECT * FROM place_inequality_rows;
