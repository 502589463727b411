-- Every problem of every value of the file a declared ignore rule does not leave out, found in one
-- pass: one row per (row, field, reason). source_row is the row the problem is in; fact_row the
-- value's first row (they differ only in long-layout files, where one value is gathered from
-- several rows). field is the declared field ('value', 'area_code', …; NULL for the row as a
-- whole); row_text is filled only for lines that could not be split into fields.
CREATE OR REPLACE TEMP TABLE extract_row_problems AS
WITH found AS (
    SELECT
        typed.source_row AS fact_row,
        list_filter([
            CASE WHEN area_code IS NULL THEN {'line': source_row, 'field': 'area_code', 'reason': 'is empty'} END,
            CASE WHEN area_code IS NOT NULL AND area_level IS NULL THEN {'line': source_row, 'field': 'area_code',
                'reason': '''' || area_code || ''' is not ' || settings.area_described} END,
            CASE WHEN area_level = 'lsoa2011' AND area_code >= settings.first_lsoa2021_code THEN {
                'line': source_row, 'field': 'area_code',
                'reason': '''' || area_code || ''' is an LSOA 2021 code (every code from '
                    || settings.first_lsoa2021_code || ' was new in 2021), but this source is declared lsoa2011'}
            -- Against the code lists the reference assets loaded into raw.reference_lsoa_geography;
            -- the message names conformed.lsoa_geography, built from it, where people look codes up.
            WHEN NOT lsoa_code_known THEN {'line': source_row, 'field': 'area_code',
                'reason': '''' || area_code || ''' is not an LSOA ' || right(area_level, 4) || ' code'
                    || CASE WHEN lsoa_other_vintage IS NOT NULL
                            THEN ' (it is an LSOA ' || lsoa_other_vintage || ' code: check the source''s declared geography)'
                            ELSE ' (not in conformed.lsoa_geography)' END} END,
            CASE WHEN period IS NULL THEN {'line': source_row, 'field': 'period', 'reason': 'is empty'}
                 WHEN period_problem IS NOT NULL THEN {'line': source_row, 'field': 'period', 'reason': period_problem} END,
            CASE WHEN measure_problem IS NOT NULL THEN {'line': source_row, 'field': 'measure', 'reason': measure_problem} END,
            CASE WHEN value_text IS NOT NULL AND value_number IS NULL AND NOT list_contains(settings.suppressed, value_text)
                 THEN {'line': value_row, 'field': 'value', 'reason': '''' || value_text || ''' is not a number'} END,
            CASE WHEN numerator_text IS NOT NULL AND numerator_number IS NULL AND NOT list_contains(settings.suppressed, numerator_text)
                 THEN {'line': numerator_row, 'field': 'numerator', 'reason': '''' || numerator_text || ''' is not a number'}
                 WHEN numerator_number < 0
                 THEN {'line': numerator_row, 'field': 'numerator', 'reason': '''' || numerator_text || ''' is negative: a count cannot be'} END,
            CASE WHEN denominator_text IS NOT NULL AND denominator_number IS NULL AND NOT list_contains(settings.suppressed, denominator_text)
                 THEN {'line': denominator_row, 'field': 'denominator', 'reason': '''' || denominator_text || ''' is not a number'}
                 WHEN denominator_number < 0
                 THEN {'line': denominator_row, 'field': 'denominator', 'reason': '''' || denominator_text || ''' is negative: a count cannot be'} END,
            CASE WHEN lower_ci_95_text IS NOT NULL AND lower_ci_95_number IS NULL
                 THEN {'line': lower_ci_95_row, 'field': 'lower_ci_95', 'reason': '''' || lower_ci_95_text || ''' is not a number'} END,
            CASE WHEN upper_ci_95_text IS NOT NULL AND upper_ci_95_number IS NULL
                 THEN {'line': upper_ci_95_row, 'field': 'upper_ci_95', 'reason': '''' || upper_ci_95_text || ''' is not a number'} END,
            CASE WHEN settings.numerator_within_denominator AND numerator_number > denominator_number
                 THEN {'line': numerator_row, 'field': 'numerator', 'reason': 'the numerator ' || numerator_text
                     || ' is greater than the denominator ' || denominator_text} END,
            CASE WHEN value < value_min OR value > value_max
                 THEN {'line': coalesce(value_row, source_row), 'field': 'value', 'reason': 'the value '
                     || CAST(value AS VARCHAR) || ' is outside the declared range '
                     || coalesce(CAST(value_min AS VARCHAR), '-∞') || ' to ' || coalesce(CAST(value_max AS VARCHAR), '∞')} END,
            CASE WHEN repeated_types IS NOT NULL
                 THEN {'line': source_row, 'field': NULL, 'reason': 'gives more than one row for: ' || repeated_types} END
        ], lambda problem: problem IS NOT NULL) AS problems
    FROM extract_typed_rows AS typed
    CROSS JOIN extract_settings AS settings
    WHERE typed.ignored_reason IS NULL
)
SELECT
    problem.line AS source_row,
    fact_row,
    problem.field AS field,
    problem.reason AS reason,
    NULL::VARCHAR AS row_text
FROM (SELECT fact_row, unnest(problems) AS problem FROM found WHERE len(problems) > 0);
