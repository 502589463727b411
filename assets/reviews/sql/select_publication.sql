SELECT published_at, withdrawn_at, withdrawn_by, withdrawal_reason, off_cadence, no_new_data
FROM marts.review_publications
WHERE review_id = $review_id;
