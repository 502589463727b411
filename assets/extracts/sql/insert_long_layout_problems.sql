-- Rows of a long-layout file whose measure type the declaration neither reads nor ignores.
INSERT INTO extract_row_problems (source_row, fact_row, field, reason)
SELECT source_row, NULL, 'measure_type',
    CASE WHEN nullif(trim(measure_type), '') IS NULL THEN 'is empty'
         ELSE '''' || trim(measure_type) || ''' is not a measure type this source declares'
    END
FROM extract_incoming_rows
WHERE coalesce(lower(trim(measure_type)), '') NOT IN (SELECT unnest($known_types));
