-- A place's Core20, quintile and decile sums, with each indicator's scale (value per
-- numerator/denominator in its source: 100 for a percentage).
SELECT breakdowns.*, scales.scale
FROM conformed.core20_breakdown AS breakdowns
LEFT JOIN (
    SELECT catalogue_indicator_id AS indicator,
           any_value(value * denominator / numerator)
               FILTER (WHERE numerator > 0 AND value IS NOT NULL) AS scale
    FROM conformed.fact_extract_value_current
    GROUP BY catalogue_indicator_id
) AS scales USING (indicator)
WHERE breakdowns.place_id = $place_id
  AND breakdowns.breakdown_value NOT IN ('unmatched');
