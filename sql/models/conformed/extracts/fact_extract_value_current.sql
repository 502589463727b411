-- The current revision of every declared extract value: what marts and Core20 work read. The
-- revisions themselves are conformed.fact_extract_value, which the extract loader writes
-- (assets/extracts/loading.py): a later file supersedes values there, never here.
{{ config(materialized='view') }}
SELECT * EXCLUDE (is_current, superseded_by)
FROM {{ source('conformed', 'fact_extract_value') }}
WHERE is_current
