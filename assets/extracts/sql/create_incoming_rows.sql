-- The data rows of the file being read, each declared field as the text in the file. Temporary:
-- the file itself is archived byte for byte, so the warehouse keeps typed values, not a copy.
-- record: the row's position among the rows read; source_row: its row number as a spreadsheet
-- shows it (the header row counts), which error messages and facts use.
CREATE OR REPLACE TEMP TABLE extract_incoming_rows (
    record       BIGINT NOT NULL,
    source_row   BIGINT NOT NULL,
    measure      VARCHAR,
    measure_type VARCHAR,
    area_code    VARCHAR,
    area_type    VARCHAR,
    period       VARCHAR,
    value        VARCHAR,
    numerator    VARCHAR,
    denominator  VARCHAR,
    lower_ci_95  VARCHAR,
    upper_ci_95  VARCHAR,
    sex          VARCHAR,
    age          VARCHAR,
    breakdown    VARCHAR,
    value_note   VARCHAR
);
