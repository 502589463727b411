-- One row per value, for files that give one row per measure type (Outcome, Numerator, …): the
-- rows of one measure, area, period, sex, age and breakdown gathered into one value, each field
-- remembering the row it came from. $types maps each declared type text (case-folded) to the
-- field it fills; rows of other types are not part of any value (see the long-layout problems).
-- Gathered into a table (extract_fact_rows_from_long_view reads it as extract_fact_rows).
CREATE OR REPLACE TEMP TABLE extract_pivoted_rows AS
WITH typed AS (
    SELECT
        incoming.source_row,
        types.role,
        nullif(trim(incoming.measure), '') AS measure,
        nullif(trim(incoming.area_code), '') AS area_code,
        nullif(trim(incoming.area_type), '') AS area_type,
        coalesce(nullif(trim(incoming.period), ''), settings.fixed_period) AS period,
        nullif(trim(incoming.sex), '') AS sex,
        nullif(trim(incoming.age), '') AS age,
        nullif(trim(incoming.breakdown), '') AS breakdown,
        nullif(trim(incoming.value_note), '') AS value_note,
        nullif(trim(incoming.value), '') AS text
    FROM extract_incoming_rows AS incoming
    CROSS JOIN extract_settings AS settings
    JOIN (
        SELECT unnest(CAST($types AS STRUCT(type_text VARCHAR, role VARCHAR)[]), recursive := true)
    ) AS types
        ON types.type_text = lower(trim(incoming.measure_type))
)
SELECT
    min(source_row) AS source_row,
    list(source_row ORDER BY source_row) AS source_rows,
    min(source_row) FILTER (WHERE role = 'value') AS value_row,
    min(source_row) FILTER (WHERE role = 'numerator') AS numerator_row,
    min(source_row) FILTER (WHERE role = 'denominator') AS denominator_row,
    min(source_row) FILTER (WHERE role = 'lower_ci_95') AS lower_ci_95_row,
    min(source_row) FILTER (WHERE role = 'upper_ci_95') AS upper_ci_95_row,
    -- A type given twice for one value: the file contradicts itself, so the value is rejected.
    nullif(concat_ws(', ',
        CASE WHEN count(*) FILTER (WHERE role = 'value') > 1 THEN 'value' END,
        CASE WHEN count(*) FILTER (WHERE role = 'numerator') > 1 THEN 'numerator' END,
        CASE WHEN count(*) FILTER (WHERE role = 'denominator') > 1 THEN 'denominator' END,
        CASE WHEN count(*) FILTER (WHERE role = 'lower_ci_95') > 1 THEN 'lower_ci_95' END,
        CASE WHEN count(*) FILTER (WHERE role = 'upper_ci_95') > 1 THEN 'upper_ci_95' END
    ), '') AS repeated_types,
    measure,
    area_code,
    area_type,
    period,
    min(text) FILTER (WHERE role = 'value') AS value,
    min(text) FILTER (WHERE role = 'numerator') AS numerator,
    min(text) FILTER (WHERE role = 'denominator') AS denominator,
    min(text) FILTER (WHERE role = 'lower_ci_95') AS lower_ci_95,
    min(text) FILTER (WHERE role = 'upper_ci_95') AS upper_ci_95,
    sex,
    age,
    breakdown,
    min(value_note) AS value_note
FROM typed
GROUP BY measure, area_code, area_type, period, sex, age, breakdown;
