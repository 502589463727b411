-- Each extract indicator's scale: its value per numerator/denominator as its source declares it
-- (value_per: 100 for a percentage). Sums of counts are put back on that scale.
{{ config(materialized='view') }}
SELECT
    catalogue_indicator_id AS indicator,
    any_value(value * denominator / numerator)
        FILTER (WHERE numerator > 0 AND value IS NOT NULL) AS scale
FROM {{ ref('fact_extract_value_current') }}
GROUP BY catalogue_indicator_id
