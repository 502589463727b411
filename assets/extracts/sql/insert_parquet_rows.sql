-- A Parquet file: each declared field by its column name ($measure etc.; NULL when not declared),
-- cast to text so every format is typed by the same rules. Row 1 is the first row.
INSERT INTO extract_incoming_rows
SELECT
    file_row_number + 1 AS record,
    file_row_number + 1 AS source_row,
    CAST(struct_extract(parquet, $measure) AS VARCHAR),
    CAST(struct_extract(parquet, $measure_type) AS VARCHAR),
    CAST(struct_extract(parquet, $area_code) AS VARCHAR),
    CAST(struct_extract(parquet, $area_type) AS VARCHAR),
    CAST(struct_extract(parquet, $period) AS VARCHAR),
    CAST(struct_extract(parquet, $value) AS VARCHAR),
    CAST(struct_extract(parquet, $numerator) AS VARCHAR),
    CAST(struct_extract(parquet, $denominator) AS VARCHAR),
    CAST(struct_extract(parquet, $lower_ci_95) AS VARCHAR),
    CAST(struct_extract(parquet, $upper_ci_95) AS VARCHAR),
    CAST(struct_extract(parquet, $sex) AS VARCHAR),
    CAST(struct_extract(parquet, $age) AS VARCHAR),
    CAST(struct_extract(parquet, $breakdown) AS VARCHAR),
    CAST(struct_extract(parquet, $value_note) AS VARCHAR)
FROM read_parquet($path, file_row_number = true) AS parquet;
