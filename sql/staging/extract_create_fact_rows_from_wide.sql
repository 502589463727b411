-- One row per value, for files that give one value per row: the incoming rows with their text
-- trimmed (an empty field is NULL) and a fixed period ($fixed_period, from the declaration or the
-- file name) where the file has no period column. Every field comes from the same row.
CREATE OR REPLACE TEMP TABLE extract_fact_rows AS
SELECT
    source_row,
    [source_row] AS source_rows,
    source_row AS value_row,
    source_row AS numerator_row,
    source_row AS denominator_row,
    source_row AS lower_ci_95_row,
    source_row AS upper_ci_95_row,
    NULL::VARCHAR AS repeated_types,
    nullif(trim(measure), '') AS measure,
    nullif(trim(area_code), '') AS area_code,
    nullif(trim(area_type), '') AS area_type,
    coalesce(nullif(trim(period), ''), $fixed_period) AS period,
    nullif(trim(value), '') AS value,
    nullif(trim(numerator), '') AS numerator,
    nullif(trim(denominator), '') AS denominator,
    nullif(trim(lower_ci_95), '') AS lower_ci_95,
    nullif(trim(upper_ci_95), '') AS upper_ci_95,
    nullif(trim(sex), '') AS sex,
    nullif(trim(age), '') AS age,
    nullif(trim(breakdown), '') AS breakdown,
    nullif(trim(value_note), '') AS value_note
FROM extract_incoming_rows;
