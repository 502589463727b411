-- Whether the open database has the schema: 1 or 0.
SELECT count(*)
FROM duckdb_schemas()
WHERE database_name = current_database() AND schema_name = $schema;
