-- The rows with problems, read again with the file's own header names, as JSON: what the user
-- sees in their file, for the rejected-rows table and the quarantine report.
CREATE OR REPLACE TEMP TABLE extract_row_texts AS
SELECT incoming.source_row, texts.row_text
FROM (
    SELECT ordinality AS record, CAST(to_json(struct_pack(*COLUMNS(* EXCLUDE (ordinality)))) AS VARCHAR) AS row_text
    FROM read_csv(
        $path,
        header = true, skip = $header_row - 1, delim = $delimiter, quote = '"', escape = '"',
        auto_detect = false, strict_mode = true, null_padding = false, columns = $columns,
        nullstr = [''], store_rejects = true,
        rejects_scan = 'extract_reject_scans', rejects_table = 'extract_reject_errors'
    ) WITH ORDINALITY
) AS texts
JOIN extract_incoming_rows AS incoming USING (record)
WHERE incoming.source_row IN (SELECT source_row FROM extract_row_problems);
