INSERT INTO marts.review_publications
    (review_id, place_id, review_date, review_label, published_at, measures, off_cadence,
     no_new_data)
VALUES ($review_id, $place_id, $review_date, $review_label, $published_at, $measures,
        $off_cadence, $no_new_data);
