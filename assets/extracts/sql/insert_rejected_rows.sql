-- The file's problems, each with the row as it was in the file. $fields and $headers are
-- parallel lists giving the file's own header text of each declared field.
INSERT INTO staging.extract_rejected_rows
SELECT
    $file_id,
    $source_id,
    $file_name,
    $file_sha256,
    problems.source_row,
    coalesce($headers[list_position($fields, problems.field)], problems.field),
    problems.reason,
    coalesce(problems.row_text, texts.row_text),
    $rejected_at
FROM extract_row_problems AS problems
LEFT JOIN extract_row_texts AS texts USING (source_row)
ORDER BY problems.source_row, problems.field NULLS FIRST, problems.reason;
