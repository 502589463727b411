-- conformed.extract_indicator_scales is now the dbt model
-- sql/models/conformed/extracts/extract_indicator_scales.sql, which builds it again on the next run.
DROP VIEW IF EXISTS conformed.extract_indicator_scales;
