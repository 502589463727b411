-- The views of the schemas the BI file holds: their CREATE statements (schema-qualified, never
-- naming the working copy's catalog, so they bind in whichever database is in use) and comments.
SELECT schema_name, view_name, sql, comment
FROM duckdb_views()
WHERE database_name = $catalog AND schema_name IN $schemas AND NOT internal
  AND NOT temporary
ORDER BY schema_name, view_name;
