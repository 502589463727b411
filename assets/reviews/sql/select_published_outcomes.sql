SELECT * FROM marts.review_outcomes WHERE review_id = $review_id;
