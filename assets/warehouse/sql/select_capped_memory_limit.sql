-- The smaller, in bytes, of the connection's memory limit (OUTCOMES_DUCKDB_MEMORY_LIMIT) and a
-- step's own ($limit).
SELECT least(parse_formatted_bytes(current_setting('memory_limit')), parse_formatted_bytes($limit));
