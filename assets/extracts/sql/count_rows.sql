-- What became of the file's rows: read (including lines that could not be split), loaded as
-- part of a value, rejected for a problem; the rest were left out on purpose (ignore rules,
-- ignored measure types). And how many values load.
SELECT
    (SELECT count(*) FROM extract_incoming_rows)
        + (SELECT count(*) FROM extract_row_problems WHERE fact_row IS NULL AND row_text IS NOT NULL)
        AS rows,
    (SELECT coalesce(sum(rows_loaded), 0) FROM extract_accepted_periods) AS rows_loaded,
    (SELECT count(DISTINCT source_row) FROM extract_row_problems) AS rows_rejected,
    (SELECT coalesce(sum(values_loaded), 0) FROM extract_accepted_periods) AS values_loaded;
