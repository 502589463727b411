-- The rows with problems of an Excel sheet (written out as CSV), as JSON of header → text.
CREATE OR REPLACE TEMP TABLE extract_row_texts AS
SELECT CAST(sheet_row AS BIGINT) AS source_row,
       CAST(to_json(struct_pack(*COLUMNS(* EXCLUDE (sheet_row)))) AS VARCHAR) AS row_text
FROM read_csv(
    $path,
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = true, null_padding = false, columns = $columns, nullstr = ['']
)
WHERE CAST(sheet_row AS BIGINT) IN (SELECT source_row FROM extract_row_problems);
