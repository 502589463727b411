-- Row count of every table in the warehouse (estimated_size is exact for DuckDB base tables).
SELECT schema_name || '.' || table_name AS table_name, estimated_size AS row_count
FROM duckdb_tables()
WHERE database_name = current_database()
ORDER BY schema_name, table_name;
