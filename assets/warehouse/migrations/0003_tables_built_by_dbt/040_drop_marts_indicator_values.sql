-- marts.indicator_values is now the dbt model sql/models/marts/fingertips/indicator_values.sql,
-- which builds it again on the next run.
DROP VIEW IF EXISTS marts.indicator_values;
