-- A place's trajectory milestones as a review shows them, in each measure's order.
SELECT place_id, $review_id AS review_id, measure_id, milestone_order, trajectory_by,
       trajectory_period_end, trajectory_value
FROM conformed.place_measure_trajectories
WHERE place_id = $place_id
ORDER BY measure_id, milestone_order;
