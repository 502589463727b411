-- Every field is read as text with an explicit schema (no type sniffing): $columns names the
-- file's columns by position, the declared ones after the field they hold. Rows that cannot be
-- split (too many or too few fields, an unclosed quote) are not errors that would abort the
-- transaction: they go to the rejects tables and are reported against their line.
INSERT INTO extract_incoming_rows BY NAME
SELECT
    ordinality AS record,
    ordinality + $header_row AS source_row,
    COLUMNS(lambda c: list_contains(
        ['measure', 'measure_type', 'area_code', 'area_type', 'period', 'value', 'numerator', 'denominator',
         'lower_ci_95', 'upper_ci_95', 'sex', 'age', 'breakdown', 'value_note'], c))
FROM read_csv(
    $path,
    header = true, skip = $header_row - 1, delim = $delimiter, quote = '"', escape = '"',
    auto_detect = false, strict_mode = true, null_padding = false, columns = $columns,
    nullstr = [''], store_rejects = true,
    rejects_scan = 'extract_reject_scans', rejects_table = 'extract_reject_errors'
) WITH ORDINALITY;
