-- One row per value, for files that give one value per row: the incoming rows with their text
-- trimmed (an empty field is NULL) and the fixed period (from the declaration or the file name)
-- where the file has no period column. Every field comes from the same row. A view: a large
-- file is read through it, never copied.
CREATE OR REPLACE TEMP VIEW extract_fact_rows AS
SELECT
    incoming.source_row,
    [incoming.source_row] AS source_rows,
    incoming.source_row AS value_row,
    incoming.source_row AS numerator_row,
    incoming.source_row AS denominator_row,
    incoming.source_row AS lower_ci_95_row,
    incoming.source_row AS upper_ci_95_row,
    NULL::VARCHAR AS repeated_types,
    nullif(trim(incoming.measure), '') AS measure,
    nullif(trim(incoming.area_code), '') AS area_code,
    nullif(trim(incoming.area_type), '') AS area_type,
    coalesce(nullif(trim(incoming.period), ''), settings.fixed_period) AS period,
    nullif(trim(incoming.value), '') AS value,
    nullif(trim(incoming.numerator), '') AS numerator,
    nullif(trim(incoming.denominator), '') AS denominator,
    nullif(trim(incoming.lower_ci_95), '') AS lower_ci_95,
    nullif(trim(incoming.upper_ci_95), '') AS upper_ci_95,
    nullif(trim(incoming.sex), '') AS sex,
    nullif(trim(incoming.age), '') AS age,
    nullif(trim(incoming.breakdown), '') AS breakdown,
    nullif(trim(incoming.value_note), '') AS value_note
FROM extract_incoming_rows AS incoming
CROSS JOIN extract_settings AS settings;
