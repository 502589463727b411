-- The milestones of the trajectory a place sets for a measure (its file's `trajectory: [{by,
-- value}]`), one row each; the period's end dates the milestone on a chart or a BI date axis.
CREATE TABLE IF NOT EXISTS conformed.place_measure_trajectories (
    place_id              VARCHAR NOT NULL,
    measure_id            VARCHAR NOT NULL,
    milestone_order       INTEGER NOT NULL,
    trajectory_by         VARCHAR NOT NULL,
    trajectory_period_end DATE,
    trajectory_value      DOUBLE NOT NULL,
    PRIMARY KEY (place_id, measure_id, trajectory_by)
);
