-- Back to DuckDB's default for the rest of the transaction: inserts keep their order.
RESET preserve_insertion_order;
