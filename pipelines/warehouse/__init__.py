"""The DuckDB warehouse: SQL files, transactions, and publication of a read-only copy."""
