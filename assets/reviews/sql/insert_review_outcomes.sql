INSERT INTO marts.review_outcomes BY NAME SELECT * FROM review_outcome_rows;
