-- conformed.lsoa_bridge_2011_2021 is now the dbt model
-- sql/models/conformed/reference/lsoa_bridge_2011_2021.sql, built from
-- raw.reference_lsoa_bridge_2011_2021, which the next reference load fills from the bundle.
DROP TABLE IF EXISTS conformed.lsoa_bridge_2011_2021;
