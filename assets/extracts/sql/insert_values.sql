-- The file's accepted values, as the next revision of each indicator and period of the source.
INSERT INTO conformed.fact_extract_value BY NAME
SELECT
    $source_id AS source_id,
    accepted.catalogue_indicator_id,
    accepted.area_code,
    accepted.area_level,
    accepted.sex,
    accepted.age,
    accepted.breakdown,
    accepted.period_label,
    coalesce(earlier.revision, 0) + 1 AS revision,
    accepted.period_start,
    accepted.period_end,
    accepted.numerator_number AS numerator,
    accepted.denominator_number AS denominator,
    accepted.value,
    accepted.lower_ci_95_number AS lower_ci_95,
    accepted.upper_ci_95_number AS upper_ci_95,
    accepted.value_note,
    $place AS place,
    $is_synthetic AS is_synthetic,
    true AS is_current,
    NULL AS superseded_by,
    $file_id AS file_id,
    $file_sha256 AS file_sha256,
    accepted.source_row,
    $loaded_at AS loaded_at
FROM extract_accepted_values AS accepted
LEFT JOIN (
    SELECT catalogue_indicator_id, period_label, max(revision) AS revision
    FROM conformed.fact_extract_value
    WHERE source_id = $source_id
    GROUP BY catalogue_indicator_id, period_label
) AS earlier USING (catalogue_indicator_id, period_label);
