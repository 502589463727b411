INSERT INTO marts.review_publications
VALUES ($review_id, $place_id, $review_date, $review_label, $published_at, $measures);
