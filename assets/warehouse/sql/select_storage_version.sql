-- The storage format an attached database file is written in, e.g. 'v1.2.0+'.
SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = $name;
