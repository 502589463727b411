-- The file is read once, with an explicit schema (no type sniffing): numbers typed as they are
-- read, so a field that is not a number fails the read. Strict mode rejects rows with too few or
-- too many fields and names the line. Quoted fields may hold newlines.
INSERT INTO raw.fingertips_all_data BY NAME
SELECT $response_id AS response_id, ordinality AS source_row, * EXCLUDE (ordinality)
FROM read_csv(
    $path,
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = true, null_padding = false, columns = $columns, nullstr = $null_strings
) WITH ORDINALITY;
