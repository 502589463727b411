SELECT * FROM marts.review_trajectories WHERE review_id = $review_id
ORDER BY measure_id, milestone_order;
