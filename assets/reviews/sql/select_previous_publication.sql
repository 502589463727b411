-- The place's last review published before this one (whatever its cadence was then).
SELECT review_id
FROM marts.review_publications
WHERE place_id = $place_id AND review_date < $review_date
ORDER BY review_date DESC
LIMIT 1;
