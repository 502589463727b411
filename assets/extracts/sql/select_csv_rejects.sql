-- The lines of the latest scan of $path that could not be split into the header's fields (a scan
-- with no such lines leaves no scan row, so an earlier file's rejects are never picked up).
SELECT DISTINCT ON (line) scan_id, line, column_name, error_type, error_message, csv_line
FROM extract_reject_errors
WHERE scan_id = (SELECT max(scan_id) FROM extract_reject_scans WHERE file_path = $path)
ORDER BY line;
