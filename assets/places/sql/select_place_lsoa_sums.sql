-- A place's LSOA-level extract rows summed to the place, per measure, sex, age and period, with
-- the indicator's scale (conformed.extract_indicator_scales).
SELECT
    measures.measure_id, extracts.sex, extracts.age, extracts.period_label,
    min(extracts.period_start) AS period_start, max(extracts.period_end) AS period_end,
    sum(extracts.numerator) AS numerator, sum(extracts.denominator) AS denominator,
    any_value(scales.scale) AS scale,
    count(*) FILTER (WHERE extracts.value_note = 'suppressed') AS suppressed_lsoas,
    bool_or(extracts.is_synthetic) AS is_synthetic
FROM conformed.place_measures AS measures
JOIN conformed.fact_extract_value_current AS extracts
    ON extracts.catalogue_indicator_id
       = coalesce(measures.catalogue_indicator_id, measures.place_id || ':' || measures.measure_id)
   AND extracts.place = measures.place_id
   AND extracts.area_level IN ('lsoa2011', 'lsoa2021')
   AND extracts.breakdown = ''
LEFT JOIN conformed.extract_indicator_scales AS scales
    ON scales.indicator = extracts.catalogue_indicator_id
WHERE measures.place_id = $place_id
GROUP BY ALL;
