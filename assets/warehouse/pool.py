"""What every asset that writes (or reads) the working warehouse shares."""

# Every step that opens the working copy runs in this pool (limit 1 in dagster.yaml): DuckDB allows
# one writer, and a reader in another process is refused while it writes.
WAREHOUSE_POOL = "duckdb_warehouse"
KINDS = {"duckdb"}
