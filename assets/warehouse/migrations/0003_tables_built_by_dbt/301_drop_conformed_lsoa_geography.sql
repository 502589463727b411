-- conformed.lsoa_geography is now the dbt model sql/models/conformed/reference/lsoa_geography.sql,
-- built from raw.reference_lsoa_geography, which the next reference load fills from the bundle.
DROP TABLE IF EXISTS conformed.lsoa_geography;
