INSERT INTO raw.fingertips_indicator_metadata_csv BY NAME
SELECT $response_id AS response_id, ordinality AS source_row, * EXCLUDE (ordinality)
FROM read_csv(
    $path,
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = true, null_padding = false, columns = $columns, nullstr = ''
) WITH ORDINALITY;
