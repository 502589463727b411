-- Lines of a CSV that could not be split into the header's fields, kept with the line itself.
INSERT INTO extract_row_problems (source_row, fact_row, field, reason, row_text)
SELECT line, NULL, NULL, error_type || ': ' || error_message, csv_line
FROM extract_reject_errors
WHERE scan_id = $scan_id
QUALIFY row_number() OVER (PARTITION BY line ORDER BY byte_position) = 1;
