-- conformed.dim_category is now the dbt model sql/models/conformed/fingertips/dim_category.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.dim_category;
