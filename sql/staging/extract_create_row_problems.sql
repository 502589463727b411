-- Every problem of every value of the file a declared ignore rule does not leave out: one row
-- per (row, field, reason). source_row is the row the problem is in; fact_row the value's first
-- row (they differ only in long-layout files, where one value is gathered from several rows).
-- field is the declared field ('value', 'area_code', …; NULL for the row as a whole); row_text
-- is filled only for lines that could not be split into fields (see extract_insert_unsplit_line_problems).
CREATE OR REPLACE TEMP TABLE extract_row_problems AS
WITH checked AS (
    SELECT * FROM extract_typed_rows WHERE ignored_reason IS NULL
),
numbers AS (
    SELECT *
    FROM (
        SELECT source_row AS fact_row, unnest([
            {'field': 'value', 'line': value_row, 'text': value_text, 'number': value_number},
            {'field': 'numerator', 'line': numerator_row, 'text': numerator_text, 'number': numerator_number},
            {'field': 'denominator', 'line': denominator_row, 'text': denominator_text, 'number': denominator_number},
            {'field': 'lower_ci_95', 'line': lower_ci_95_row, 'text': lower_ci_95_text, 'number': lower_ci_95_number},
            {'field': 'upper_ci_95', 'line': upper_ci_95_row, 'text': upper_ci_95_text, 'number': upper_ci_95_number}
        ], recursive := true)
        FROM checked
    )
    WHERE text IS NOT NULL
),
keyed AS (
    SELECT
        source_row,
        count(*) OVER same_value AS copies,
        list(source_row) OVER same_value AS rows_with_key
    FROM checked
    WHERE catalogue_indicator_id IS NOT NULL AND period_label IS NOT NULL AND area_code IS NOT NULL
    WINDOW same_value AS (
        PARTITION BY catalogue_indicator_id, area_code, sex, age, breakdown, period_label
    )
)
SELECT problems.*, NULL::VARCHAR AS row_text
FROM (
SELECT source_row, source_row AS fact_row, 'area_code' AS field, 'is empty' AS reason
FROM checked WHERE area_code IS NULL
UNION ALL
SELECT source_row, source_row, 'area_code', '''' || area_code || ''' is not ' || $area_described
FROM checked WHERE area_code IS NOT NULL AND area_level IS NULL
UNION ALL
SELECT source_row, source_row, 'area_code',
    '''' || area_code || ''' is an LSOA 2021 code (every code from ' || $first_lsoa2021_code
    || ' was new in 2021), but this source is declared lsoa2011'
FROM checked WHERE area_level = 'lsoa2011' AND area_code >= $first_lsoa2021_code
UNION ALL
-- Against the code lists in conformed.lsoa_geography, where the reference assets loaded them.
SELECT source_row, source_row, 'area_code',
    '''' || area_code || ''' is not an LSOA ' || right(area_level, 4) || ' code'
    || CASE WHEN EXISTS (
            SELECT 1 FROM conformed.lsoa_geography AS other
            WHERE other.lsoa_code = checked.area_code
              AND other.lsoa_vintage != right(checked.area_level, 4)
        ) THEN ' (it is an LSOA ' || CASE right(area_level, 4) WHEN '2011' THEN '2021' ELSE '2011' END
            || ' code: check the source''s declared geography)'
        ELSE ' (not in conformed.lsoa_geography)' END
FROM checked
WHERE area_level IN ('lsoa2011', 'lsoa2021')
  AND NOT (area_level = 'lsoa2011' AND area_code >= $first_lsoa2021_code)
  AND EXISTS (
        SELECT 1 FROM conformed.lsoa_geography AS known
        WHERE known.lsoa_vintage = right(checked.area_level, 4)
  )
  AND NOT EXISTS (
        SELECT 1 FROM conformed.lsoa_geography AS known
        WHERE known.lsoa_vintage = right(checked.area_level, 4) AND known.lsoa_code = checked.area_code
  )
UNION ALL
SELECT source_row, source_row, 'period', 'is empty'
FROM checked WHERE period IS NULL
UNION ALL
SELECT source_row, source_row, 'period', period_problem
FROM checked WHERE period IS NOT NULL AND period_problem IS NOT NULL
UNION ALL
SELECT source_row, source_row, 'measure', measure_problem
FROM checked WHERE measure_problem IS NOT NULL
UNION ALL
SELECT line, fact_row, field, '''' || text || ''' is not a number'
FROM numbers WHERE number IS NULL AND NOT list_contains($suppressed, text)
UNION ALL
SELECT line, fact_row, field, '''' || text || ''' is negative: a count cannot be'
FROM numbers WHERE field IN ('numerator', 'denominator') AND number < 0
UNION ALL
SELECT numerator_row, source_row, 'numerator',
    'the numerator ' || numerator_text || ' is greater than the denominator ' || denominator_text
FROM checked WHERE $numerator_within_denominator AND numerator_number > denominator_number
UNION ALL
SELECT coalesce(value_row, source_row), source_row, 'value',
    'the value ' || CAST(value AS VARCHAR) || ' is outside the declared range '
    || coalesce(CAST(value_min AS VARCHAR), '-∞') || ' to ' || coalesce(CAST(value_max AS VARCHAR), '∞')
FROM checked WHERE value < value_min OR value > value_max
UNION ALL
SELECT source_row, source_row, NULL, 'gives more than one row for: ' || repeated_types
FROM checked WHERE repeated_types IS NOT NULL
UNION ALL
SELECT source_row, source_row, NULL,
    'has the same indicator, area, sex, age, breakdown and period as row '
    || array_to_string(list_sort(list_filter(rows_with_key, lambda other: other != source_row)), ', ')
FROM keyed WHERE copies > 1
) AS problems;
