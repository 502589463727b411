-- The other rows of a rejected long-layout value: left out with it, so they are accounted for.
INSERT INTO extract_row_problems (source_row, fact_row, field, reason)
SELECT member.source_row, rejected.fact_row, NULL,
    'left out with row ' || rejected.fact_row || ', part of the same value'
FROM (SELECT DISTINCT fact_row FROM extract_row_problems WHERE fact_row IS NOT NULL) AS rejected
JOIN extract_typed_rows AS typed ON typed.source_row = rejected.fact_row
CROSS JOIN unnest(typed.source_rows) AS member(source_row)
WHERE member.source_row NOT IN (SELECT source_row FROM extract_row_problems);
