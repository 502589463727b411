"""The DuckDB warehouse: its working copy and transactions (store), schema versions and
migrations, SQL files, and publication of the read-only BI copy (bi_file, the publication asset)."""
