-- A refused download read again with every field as text, in a scratch file of its own, so the
-- checks can name each field that is not a number (row, field and the text that came back).
CREATE TABLE fingertips_all_data AS
SELECT $response_id AS response_id, ordinality AS source_row, * EXCLUDE (ordinality)
FROM read_csv(
    $path,
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = true, null_padding = false, columns = $columns, nullstr = $null_strings
) WITH ORDINALITY;
