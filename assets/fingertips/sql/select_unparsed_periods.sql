-- Period labels of the downloaded values (with their indicator's year type) not yet in dim_period.
SELECT DISTINCT staged.time_period, coalesce(indicators.year_type, '') AS year_type
FROM staging.fingertips_values AS staged
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
WHERE NOT EXISTS (
    SELECT 1 FROM conformed.dim_period AS periods
    WHERE periods.time_period = staged.time_period
      AND periods.year_type = coalesce(indicators.year_type, '')
)
ORDER BY 1, 2;
