-- The date of the place's first review still standing (withdrawn ones do not count).
SELECT min(review_date)
FROM marts.review_publications
WHERE place_id = $place_id AND withdrawn_at IS NULL;
