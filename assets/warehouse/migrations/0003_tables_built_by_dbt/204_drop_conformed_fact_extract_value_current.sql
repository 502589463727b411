-- conformed.fact_extract_value_current is now the dbt model
-- sql/models/conformed/extracts/fact_extract_value_current.sql, which builds it again on the next
-- run; the revisions in conformed.fact_extract_value stay.
DROP VIEW IF EXISTS conformed.fact_extract_value_current;
