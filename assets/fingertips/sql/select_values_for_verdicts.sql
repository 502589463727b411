-- Every Fingertips value with the England and parent values of the same indicator, sex, age and
-- period (headline rows), and what Fingertips itself published about it.
SELECT
    facts.indicator_id, facts.area_code, facts.area_type, facts.sex, facts.age,
    facts.category_type, facts.category, facts.time_period, facts.time_period_sortable,
    facts.value, facts.lower_ci_95, facts.upper_ci_95, facts.lower_ci_99_8, facts.upper_ci_99_8,
    facts.count, facts.denominator,
    indicators.polarity AS fingertips_polarity, indicators.value_type AS fingertips_value_type,
    england.value AS england_value, parent.value AS parent_value,
    facts.fingertips_compared_to_england, facts.fingertips_compared_to_parent,
    facts.fingertips_recent_trend
FROM conformed.fact_indicator_value AS facts
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
LEFT JOIN conformed.fact_indicator_value AS england
    ON england.indicator_id = facts.indicator_id AND england.area_code = 'E92000001'
   AND england.category_type = '' AND england.sex = facts.sex AND england.age = facts.age
   AND england.time_period = facts.time_period
LEFT JOIN (
    SELECT * FROM conformed.fact_indicator_value WHERE category_type = ''
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id, area_code, sex, age, time_period ORDER BY fetched_at DESC
    ) = 1
) AS parent
    ON parent.indicator_id = facts.indicator_id AND parent.area_code = facts.parent_code
   AND parent.sex = facts.sex AND parent.age = facts.age
   AND parent.time_period = facts.time_period;
