-- conformed.lsoa_population is now the dbt model sql/models/conformed/reference/lsoa_population.sql,
-- built from raw.reference_lsoa_population, which the next reference load fills from the bundle.
DROP TABLE IF EXISTS conformed.lsoa_population;
