-- Every row kept was checked as typable when its download was loaded.
INSERT INTO raw.fingertips_all_data_typed BY NAME
SELECT * REPLACE (
    CAST(indicator_id AS INTEGER) AS indicator_id,
    CAST(value AS DOUBLE) AS value,
    CAST(lower_ci_95 AS DOUBLE) AS lower_ci_95,
    CAST(upper_ci_95 AS DOUBLE) AS upper_ci_95,
    CAST(lower_ci_99_8 AS DOUBLE) AS lower_ci_99_8,
    CAST(upper_ci_99_8 AS DOUBLE) AS upper_ci_99_8,
    CAST(count AS DOUBLE) AS count,
    CAST(denominator AS DOUBLE) AS denominator,
    CAST(time_period_sortable AS BIGINT) AS time_period_sortable
)
FROM raw.fingertips_all_data;
