-- Each value of the file with its numbers typed, its indicator, period and area level resolved,
-- whether its LSOA code is in the declared vintage's code list, and, for a row a declared ignore
-- rule leaves out, the rule's reason. Problems are looked for here and only rows without any
-- load. A view (settings come from extract_settings): each step reads the file's rows through it.
CREATE OR REPLACE TEMP VIEW extract_typed_rows AS
WITH ignored AS (
    SELECT rows.source_row, arg_min(rules.reason, rules.position) AS ignored_reason
    FROM extract_fact_rows AS rows
    JOIN (SELECT unnest(ignore_rules, recursive := true) FROM extract_settings) AS rules
        ON regexp_full_match(
            CASE rules.field
                WHEN 'measure' THEN rows.measure
                WHEN 'area_code' THEN rows.area_code
                WHEN 'area_type' THEN rows.area_type
                WHEN 'period' THEN rows.period
                WHEN 'value' THEN rows.value
                WHEN 'numerator' THEN rows.numerator
                WHEN 'denominator' THEN rows.denominator
                WHEN 'lower_ci_95' THEN rows.lower_ci_95
                WHEN 'upper_ci_95' THEN rows.upper_ci_95
                WHEN 'sex' THEN rows.sex
                WHEN 'age' THEN rows.age
                WHEN 'breakdown' THEN rows.breakdown
                WHEN 'value_note' THEN rows.value_note
            END,
            rules.pattern
        )
    GROUP BY rows.source_row
),
numbers AS (
    SELECT
        rows.*,
        list_contains(settings.suppressed, rows.value) AS value_suppressed,
        list_contains(settings.suppressed, rows.numerator) AS numerator_suppressed,
        list_contains(settings.suppressed, rows.denominator) AS denominator_suppressed,
        TRY_CAST(replace(rows.value, settings.thousands, '') AS DOUBLE) AS value_read,
        TRY_CAST(replace(rows.numerator, settings.thousands, '') AS DOUBLE) AS numerator_read,
        TRY_CAST(replace(rows.denominator, settings.thousands, '') AS DOUBLE) AS denominator_read,
        TRY_CAST(replace(rows.lower_ci_95, settings.thousands, '') AS DOUBLE) AS lower_ci_95_read,
        TRY_CAST(replace(rows.upper_ci_95, settings.thousands, '') AS DOUBLE) AS upper_ci_95_read,
        settings.value_per
    FROM extract_fact_rows AS rows
    CROSS JOIN extract_settings AS settings
),
finite AS (
    -- NaN and infinity read as numbers but are not values a source can mean.
    SELECT
        *,
        CASE WHEN isfinite(value_read) AND NOT value_suppressed THEN value_read END AS value_number,
        CASE WHEN isfinite(numerator_read) AND NOT numerator_suppressed THEN numerator_read END
            AS numerator_number,
        CASE WHEN isfinite(denominator_read) AND NOT denominator_suppressed THEN denominator_read END
            AS denominator_number,
        CASE WHEN isfinite(lower_ci_95_read) THEN lower_ci_95_read END AS lower_ci_95_number,
        CASE WHEN isfinite(upper_ci_95_read) THEN upper_ci_95_read END AS upper_ci_95_number
    FROM numbers
),
valued AS (
    SELECT
        *,
        CASE
            WHEN value_per IS NULL THEN value_number
            WHEN denominator_number > 0 THEN numerator_number / denominator_number * value_per
        END AS value_computed
    FROM finite
)
SELECT
    valued.source_row,
    valued.source_rows,
    valued.value_row,
    valued.numerator_row,
    valued.denominator_row,
    valued.lower_ci_95_row,
    valued.upper_ci_95_row,
    valued.repeated_types,
    valued.measure,
    valued.area_code,
    valued.period,
    valued.value AS value_text,
    valued.numerator AS numerator_text,
    valued.denominator AS denominator_text,
    valued.lower_ci_95 AS lower_ci_95_text,
    valued.upper_ci_95 AS upper_ci_95_text,
    valued.value_number,
    valued.numerator_number,
    valued.denominator_number,
    valued.lower_ci_95_number,
    valued.upper_ci_95_number,
    valued.value_computed AS value,
    CASE
        WHEN valued.value_suppressed OR valued.numerator_suppressed OR valued.denominator_suppressed
            THEN 'suppressed'
        WHEN valued.value_note IS NOT NULL THEN valued.value_note
        WHEN valued.value_computed IS NULL THEN 'missing'
    END AS value_note,
    resolved.catalogue_indicator_id,
    coalesce(resolved.sex, valued.sex, settings.fixed_sex, '') AS sex,
    coalesce(resolved.age, valued.age, settings.fixed_age, '') AS age,
    coalesce(resolved.breakdown, valued.breakdown, settings.fixed_breakdown, '') AS breakdown,
    resolved.value_min,
    resolved.value_max,
    resolved.measure_problem,
    resolved.period_label,
    resolved.period_start,
    resolved.period_end,
    resolved.period_problem,
    levels.level AS area_level,
    -- NULL where the reference loaded has no code list for the level's vintage.
    CASE WHEN list_contains(settings.lsoa_vintages_known, right(levels.level, 4))
         THEN known.lsoa_code IS NOT NULL END AS lsoa_code_known,
    other_vintage.lsoa_vintage AS lsoa_other_vintage,
    ignored.ignored_reason
FROM valued
CROSS JOIN extract_settings AS settings
LEFT JOIN extract_resolved AS resolved
    ON resolved.measure IS NOT DISTINCT FROM valued.measure
    AND resolved.period IS NOT DISTINCT FROM valued.period
-- On the code's prefix (an equality, so a hash join), then its shape: E and 8 digits.
LEFT JOIN (SELECT unnest(area_levels, recursive := true) FROM extract_settings) AS levels
    ON levels.prefix = left(valued.area_code, 3)
    AND regexp_full_match(valued.area_code, 'E\d{8}')
    AND (levels.exact IS NULL OR levels.exact = valued.area_code)
LEFT JOIN raw.reference_lsoa_geography AS known
    ON known.lsoa_code = valued.area_code AND known.lsoa_vintage = right(levels.level, 4)
    AND levels.level IN ('lsoa2011', 'lsoa2021')
LEFT JOIN raw.reference_lsoa_geography AS other_vintage
    ON other_vintage.lsoa_code = valued.area_code AND other_vintage.lsoa_vintage != right(levels.level, 4)
    AND levels.level IN ('lsoa2011', 'lsoa2021')
LEFT JOIN ignored USING (source_row);
