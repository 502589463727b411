-- conformed.fact_indicator_value is now the dbt model sql/models/conformed/fingertips/fact_indicator_value.sql,
-- which builds it again from raw on the next run.
DROP TABLE IF EXISTS conformed.fact_indicator_value;
