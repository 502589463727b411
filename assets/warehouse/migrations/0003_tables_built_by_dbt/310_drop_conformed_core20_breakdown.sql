-- conformed.core20_breakdown is now the dbt model sql/models/conformed/core20/core20_breakdown.sql,
-- which builds each place's rows again from the extracts' LSOA rows on its next run.
DROP TABLE IF EXISTS conformed.core20_breakdown;
