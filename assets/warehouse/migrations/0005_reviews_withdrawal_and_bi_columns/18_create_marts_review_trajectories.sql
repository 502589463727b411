-- A review's trajectory milestones, frozen at publication from this version on.
CREATE TABLE IF NOT EXISTS marts.review_trajectories (
    place_id VARCHAR NOT NULL, review_id VARCHAR NOT NULL, measure_id VARCHAR NOT NULL,
    milestone_order INTEGER NOT NULL, trajectory_by VARCHAR NOT NULL, trajectory_period_end DATE,
    trajectory_value DOUBLE NOT NULL,
    PRIMARY KEY (review_id, measure_id, trajectory_by)
);
