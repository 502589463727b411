INSERT INTO conformed.place_measure_trajectories BY NAME
SELECT
    $place_id AS place_id, $measure_id AS measure_id, $milestone_order AS milestone_order,
    $trajectory_by AS trajectory_by, $trajectory_period_end AS trajectory_period_end,
    $trajectory_value AS trajectory_value;
