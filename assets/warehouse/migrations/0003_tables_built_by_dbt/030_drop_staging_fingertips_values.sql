-- staging.fingertips_values is now the dbt model sql/models/staging/fingertips/fingertips_values.sql,
-- which builds it again from raw on the next run.
DROP VIEW IF EXISTS staging.fingertips_values;
