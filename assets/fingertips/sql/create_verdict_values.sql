-- Every Fingertips value of the indicators about to be judged (create_verdict_indicators) with the
-- England and parent values of the same indicator, sex, age and period
-- (create_verdict_comparators), its indicator's Fingertips settings, what Fingertips itself
-- published about it, and its indicator's inputs_fetched_at.
CREATE OR REPLACE TEMP VIEW verdict_values AS
SELECT
    facts.indicator_id, facts.area_code, facts.area_type, facts.area_type_id, facts.parent_code,
    facts.sex, facts.age, facts.category_type, facts.category, facts.time_period,
    facts.time_period_sortable,
    facts.value, facts.lower_ci_95, facts.upper_ci_95, facts.lower_ci_99_8, facts.upper_ci_99_8,
    facts.count, facts.denominator, facts.fetched_at,
    indicators.polarity AS fingertips_polarity, indicators.value_type AS fingertips_value_type,
    indicators.comparator_method_id AS fingertips_comparator_method_id,
    indicators.comparator_confidence AS fingertips_comparator_confidence,
    england.value AS england_value, parent.value AS parent_value,
    facts.fingertips_compared_to_england, facts.fingertips_compared_to_parent,
    facts.fingertips_recent_trend,
    judged.inputs_fetched_at
FROM conformed.fact_indicator_value AS facts
JOIN verdict_indicators AS judged USING (indicator_id)
LEFT JOIN conformed.dim_indicator AS indicators USING (indicator_id)
LEFT JOIN verdict_comparators AS england
    ON england.indicator_id = facts.indicator_id AND england.area_code = 'E92000001'
   AND england.sex = facts.sex AND england.age = facts.age
   AND england.time_period = facts.time_period
LEFT JOIN verdict_comparators AS parent
    ON parent.indicator_id = facts.indicator_id AND parent.area_code = facts.parent_code
   AND parent.sex = facts.sex AND parent.age = facts.age
   AND parent.time_period = facts.time_period;
