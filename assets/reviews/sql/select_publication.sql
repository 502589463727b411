SELECT published_at FROM marts.review_publications WHERE review_id = $review_id;
