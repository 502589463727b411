-- The values of the file that load: not left out by an ignore rule, and with no problem in any
-- of their rows. A view, read once by the insert into the fact table.
CREATE OR REPLACE TEMP VIEW extract_accepted_values AS
SELECT *
FROM extract_typed_rows
WHERE ignored_reason IS NULL
  AND source_row NOT IN (
        SELECT fact_row FROM extract_row_problems WHERE fact_row IS NOT NULL
  );
