-- conformed.dim_area_type is now the dbt model sql/models/conformed/fingertips/dim_area_type.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.dim_area_type;
