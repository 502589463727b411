-- DuckDB's threads for the rest of this connection ($threads).
SET threads = $threads;
