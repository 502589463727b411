-- conformed.dim_area is now the dbt model sql/models/conformed/fingertips/dim_area.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.dim_area;
