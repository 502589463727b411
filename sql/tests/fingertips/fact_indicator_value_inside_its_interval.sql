-- Every value lies within its own 95% confidence interval where both limits are given: a warning
-- (the rows that break it), as the asset check it replaces was.
{{ config(severity='warn') }}
SELECT indicator_id, area_code, time_period, category, value, lower_ci_95, upper_ci_95
FROM {{ ref('fact_indicator_value') }}
WHERE value < lower_ci_95 OR value > upper_ci_95
