-- Fields of one download read as text (create_all_data_text_rows) that are not numbers of the
-- type the load reads them as: the first few, in file order, for the error message.
SELECT source_row, field, text
FROM (
    SELECT source_row, indicator_id, time_period_sortable, value, lower_ci_95, upper_ci_95,
           lower_ci_99_8, upper_ci_99_8, count, denominator
    FROM raw.fingertips_all_data
    WHERE response_id = $response_id
) UNPIVOT (
    text FOR field IN (indicator_id, time_period_sortable, value, lower_ci_95, upper_ci_95,
                       lower_ci_99_8, upper_ci_99_8, count, denominator)
)
WHERE CASE field
          WHEN 'indicator_id' THEN TRY_CAST(text AS INTEGER) IS NULL
          WHEN 'time_period_sortable' THEN TRY_CAST(text AS BIGINT) IS NULL
          ELSE TRY_CAST(text AS DOUBLE) IS NULL
      END
ORDER BY source_row, field
LIMIT 10;
