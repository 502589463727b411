-- Core20 and rest-of-place values of a place's LSOA-level extracts, per indicator and period.
SELECT breakdowns.indicator, breakdowns.period_label, extracts.period_end,
       max(breakdowns.numerator / nullif(breakdowns.denominator, 0))
           FILTER (WHERE breakdowns.breakdown_value = 'core20') AS core20_share,
       max(breakdowns.numerator / nullif(breakdowns.denominator, 0))
           FILTER (WHERE breakdowns.breakdown_value = 'rest of place') AS rest_share
FROM conformed.core20_breakdown AS breakdowns
LEFT JOIN (
    SELECT DISTINCT catalogue_indicator_id, period_label, period_end
    FROM conformed.fact_extract_value_current
) AS extracts
    ON extracts.catalogue_indicator_id = breakdowns.indicator
   AND extracts.period_label = breakdowns.period_label
WHERE breakdowns.place_id = $place_id
  AND breakdowns.breakdown_type = 'core20'
  AND breakdowns.extract_breakdown = ''
GROUP BY ALL;
