-- conformed.lsoa_population_latest is now the dbt model
-- sql/models/conformed/reference/lsoa_population_latest.sql.
DROP VIEW IF EXISTS conformed.lsoa_population_latest;
