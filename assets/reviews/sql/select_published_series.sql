SELECT * FROM marts.review_series WHERE review_id = $review_id ORDER BY measure_id, period_end;
