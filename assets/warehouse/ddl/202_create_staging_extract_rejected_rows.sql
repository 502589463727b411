-- One row per problem found in a declared extract file: the row and field it is in, why, and the
-- row as it was in the file. A quarantined file's problems are here too (its rows loaded nothing);
-- under the load_good_rows policy these are the rows left out of an otherwise loaded file.
CREATE TABLE IF NOT EXISTS staging.extract_rejected_rows (
    file_id     BIGINT NOT NULL,
    source_id   VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    -- The row as a spreadsheet shows it (the header row counts); NULL for a whole-file problem.
    source_row  BIGINT,
    -- The file's own header text of the field; NULL when the problem is the row as a whole.
    field       VARCHAR,
    reason      VARCHAR NOT NULL,
    -- The row's fields as JSON (header text → text), or the raw line when it could not be split.
    row_text    VARCHAR,
    rejected_at TIMESTAMPTZ NOT NULL
);
