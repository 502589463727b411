-- conformed.dim_indicator is now the dbt model sql/models/conformed/fingertips/dim_indicator.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.dim_indicator;
