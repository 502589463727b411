-- The place's last review published before this one (whatever its cadence was then); a withdrawn
-- review is never a previous review.
SELECT review_id, review_label
FROM marts.review_publications
WHERE place_id = $place_id AND review_date < $review_date AND withdrawn_at IS NULL
ORDER BY review_date DESC
LIMIT 1;
