-- conformed.lsoa_deprivation is now the dbt model sql/models/conformed/reference/lsoa_deprivation.sql,
-- built from raw.reference_lsoa_deprivation, which the next reference load fills from the bundle.
DROP TABLE IF EXISTS conformed.lsoa_deprivation;
