-- An Excel sheet, already written out as UTF-8 CSV with each row's sheet row number first.
INSERT INTO extract_incoming_rows BY NAME
SELECT
    ordinality AS record,
    CAST(sheet_row AS BIGINT) AS source_row,
    COLUMNS(lambda c: list_contains(
        ['measure', 'measure_type', 'area_code', 'area_type', 'period', 'value', 'numerator', 'denominator',
         'lower_ci_95', 'upper_ci_95', 'sex', 'age', 'breakdown', 'value_note'], c))
FROM read_csv(
    $path,
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    strict_mode = true, null_padding = false, columns = $columns, nullstr = ['']
) WITH ORDINALITY;
