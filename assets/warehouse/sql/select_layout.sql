-- Whether the open database records its schema version (1 or 0), and how many tables it holds
-- (none: a new file).
SELECT
    count(*) FILTER (WHERE schema_name = 'meta' AND table_name = 'schema_version'),
    count(*)
FROM duckdb_tables()
WHERE database_name = current_database();
