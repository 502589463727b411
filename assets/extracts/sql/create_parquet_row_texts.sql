-- The rows with problems of a Parquet file, as JSON of column name → value.
CREATE OR REPLACE TEMP TABLE extract_row_texts AS
SELECT file_row_number + 1 AS source_row,
       CAST(to_json(struct_pack(*COLUMNS(* EXCLUDE (file_row_number)))) AS VARCHAR) AS row_text
FROM read_parquet($path, file_row_number = true)
WHERE file_row_number + 1 IN (SELECT source_row FROM extract_row_problems);
