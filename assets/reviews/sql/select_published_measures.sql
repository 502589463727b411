SELECT * FROM marts.review_trend WHERE review_id = $review_id ORDER BY measure_order, measure_id;
