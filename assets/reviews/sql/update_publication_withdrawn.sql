-- Withdrawal marks the review; its frozen rows stay exactly as published.
UPDATE marts.review_publications
SET withdrawn_at = $withdrawn_at, withdrawn_by = $withdrawn_by, withdrawal_reason = $reason
WHERE review_id = $review_id;
