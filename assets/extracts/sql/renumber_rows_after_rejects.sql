-- Row numbers count rows read, so each line rejected before a row pushes it one further down.
-- The j-th rejected line (in file order) has line - header_row - j good rows before it.
UPDATE extract_incoming_rows AS incoming
SET source_row = incoming.record + $header_row + (
    SELECT count(*)
    FROM (
        SELECT line - $header_row - row_number() OVER (ORDER BY line) AS good_rows_before
        FROM (SELECT DISTINCT line FROM extract_reject_errors WHERE scan_id = $scan_id)
    ) AS rejected
    WHERE rejected.good_rows_before < incoming.record
);
