-- The number of data rows read from the file being loaded.
SELECT count(*) FROM extract_incoming_rows;
