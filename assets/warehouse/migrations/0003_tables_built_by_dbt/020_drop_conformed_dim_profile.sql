-- conformed.dim_profile is now the dbt model sql/models/conformed/fingertips/dim_profile.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.dim_profile;
