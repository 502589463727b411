INSERT INTO marts.review_trajectories BY NAME SELECT * FROM review_trajectory_rows;
