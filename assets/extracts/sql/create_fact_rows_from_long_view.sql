-- The gathered values of a long-layout file, under the name every later step reads.
CREATE OR REPLACE TEMP VIEW extract_fact_rows AS
SELECT * FROM extract_pivoted_rows;
