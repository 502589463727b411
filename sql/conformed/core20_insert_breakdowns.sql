-- core20_breakdown_rows: the computed breakdowns, registered on the connection from Polars.
INSERT INTO conformed.core20_breakdown BY NAME
SELECT * FROM core20_breakdown_rows;
