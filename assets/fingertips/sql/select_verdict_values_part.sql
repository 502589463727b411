-- One part of a large indicator's values, as copy_verdict_values_in_parts wrote it ($files).
SELECT * FROM read_parquet($files);
