-- Every Fingertips value with its indicator's name, unit and polarity: the table BI tools start from.
CREATE OR REPLACE VIEW marts.indicator_values AS
SELECT
    facts.indicator_id,
    indicators.indicator_name,
    indicators.unit_label,
    indicators.value_type,
    indicators.polarity,
    facts.area_code,
    facts.area_name,
    facts.area_type,
    facts.area_type_id,
    area_types.area_type_name,
    facts.parent_code,
    facts.sex,
    facts.age,
    facts.category_type,
    facts.category,
    facts.category_type = '' AS is_headline,
    facts.time_period,
    facts.period_start,
    facts.period_end,
    facts.value,
    facts.lower_ci_95,
    facts.upper_ci_95,
    facts.lower_ci_99_8,
    facts.upper_ci_99_8,
    facts.count,
    facts.denominator,
    facts.value_note,
    facts.fingertips_recent_trend,
    facts.fingertips_compared_to_england,
    facts.fingertips_compared_to_parent,
    facts.source,
    facts.fetched_at
FROM conformed.fact_indicator_value AS facts
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
LEFT JOIN conformed.dim_area_type AS area_types USING (area_type_id);
