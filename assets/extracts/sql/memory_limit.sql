-- DuckDB's memory limit for this load: the warehouse's (OUTCOMES_DUCKDB_MEMORY_LIMIT). Past it
-- DuckDB spills to its temporary folder beside the warehouse instead of growing.
SELECT current_setting('memory_limit');
