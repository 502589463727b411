-- Column comments (of tables and views) in the schemas the BI file holds.
SELECT schema_name, table_name, column_name, comment
FROM duckdb_columns()
WHERE database_name = $catalog AND schema_name IN $schemas AND comment IS NOT NULL
ORDER BY schema_name, table_name, column_index;
