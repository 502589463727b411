-- marts.place_measure_values is now the dbt model sql/models/marts/places/place_measure_values.sql,
-- which builds each place's rows again on its next run.
DROP TABLE IF EXISTS marts.place_measure_values;
