-- The base tables of the schemas the BI file holds, with their comments.
SELECT schema_name, table_name, comment
FROM duckdb_tables()
WHERE database_name = $catalog AND schema_name IN $schemas AND NOT temporary
ORDER BY schema_name, table_name;
