-- Every table and view in the warehouse, by schema and name.
SELECT schema_name, table_name FROM duckdb_tables()
UNION ALL
SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal;
