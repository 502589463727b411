-- A problem with the file as a whole (its encoding, header, sheet or layout).
INSERT INTO staging.extract_rejected_rows VALUES (
    $file_id, $source_id, $file_name, $file_sha256, $source_row, $field, $reason, $row_text,
    $rejected_at
);
