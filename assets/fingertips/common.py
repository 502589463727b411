"""What every Fingertips asset shares: its group, pool and kinds."""

GROUP = "fingertips"
# Every asset that writes the warehouse runs in this pool (limit 1 in dagster.yaml): one writer.
WAREHOUSE_POOL = "duckdb_warehouse"
KINDS = {"duckdb"}
