-- Core20 and rest-of-place values of a place's LSOA-level extracts per indicator and period, as
-- marts.place_inequalities holds them (on the source's scale, small counts already suppressed).
SELECT inequalities.indicator, inequalities.period_label, periods.period_end,
       inequalities.core20_value, inequalities.rest_value, inequalities.absolute_gap AS core20_gap
FROM marts.place_inequalities AS inequalities
LEFT JOIN (
    SELECT DISTINCT catalogue_indicator_id, period_label, period_end
    FROM conformed.fact_extract_value_current
) AS periods
    ON periods.catalogue_indicator_id = inequalities.indicator
   AND periods.period_label = inequalities.period_label
WHERE inequalities.place_id = $place_id;
