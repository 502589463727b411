INSERT INTO marts.review_series BY NAME SELECT * FROM review_series_rows;
