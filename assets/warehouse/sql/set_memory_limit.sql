-- DuckDB's memory for the rest of this connection ($limit, e.g. 300000000B); beyond it, it spills.
SET memory_limit = $limit;
