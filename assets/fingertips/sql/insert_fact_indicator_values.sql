INSERT INTO conformed.fact_indicator_value BY NAME
SELECT
    staged.* EXCLUDE (indicator_name),
    periods.period_start,
    periods.period_end,
    categories.category_type_id
FROM staging.fingertips_values AS staged
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
LEFT JOIN conformed.dim_period AS periods
    ON periods.time_period = staged.time_period
   AND periods.year_type = coalesce(indicators.year_type, '')
-- Category-type ids for newer vintages are unpublished: resolve them by exact name.
LEFT JOIN (
    SELECT category_type_name, min(category_type_id) AS category_type_id
    FROM conformed.dim_category
    GROUP BY category_type_name
) AS categories
    ON categories.category_type_name = staged.category_type
WHERE list_contains($indicator_ids, staged.indicator_id);
