-- Places' trajectory milestones, new in this version (assets/places/rows.py writes them).
CREATE TABLE IF NOT EXISTS conformed.place_measure_trajectories (
    place_id              VARCHAR NOT NULL,
    measure_id            VARCHAR NOT NULL,
    milestone_order       INTEGER NOT NULL,
    trajectory_by         VARCHAR NOT NULL,
    trajectory_period_end DATE,
    trajectory_value      DOUBLE NOT NULL,
    PRIMARY KEY (place_id, measure_id, trajectory_by)
);
