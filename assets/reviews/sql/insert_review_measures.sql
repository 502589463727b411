-- review_measure_rows: the trend table being published, registered from Polars.
INSERT INTO marts.review_measures BY NAME SELECT * FROM review_measure_rows;
