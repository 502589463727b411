-- One row per place, source, indicator, sex, age and period of LSOA-level local data: Core20 vs
-- the rest of the place with intervals, gaps, the most vs least deprived quintile, and the slope
-- and relative index of inequality across national IMD deciles.
CREATE TABLE IF NOT EXISTS marts.place_inequalities (
    place_id VARCHAR NOT NULL, source_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL,
    sex VARCHAR NOT NULL, age VARCHAR NOT NULL, period_label VARCHAR NOT NULL,
    imd_version VARCHAR NOT NULL, is_synthetic BOOLEAN NOT NULL,
    core20_value DOUBLE, core20_lower_ci_95 DOUBLE, core20_upper_ci_95 DOUBLE,
    core20_suppressed BOOLEAN, rest_value DOUBLE, rest_lower_ci_95 DOUBLE,
    rest_upper_ci_95 DOUBLE, rest_suppressed BOOLEAN,
    absolute_gap DOUBLE, relative_gap DOUBLE,
    most_deprived_quintile_value DOUBLE, most_deprived_quintile_lower_ci_95 DOUBLE,
    most_deprived_quintile_upper_ci_95 DOUBLE, most_deprived_quintile_suppressed BOOLEAN,
    least_deprived_quintile_value DOUBLE, least_deprived_quintile_lower_ci_95 DOUBLE,
    least_deprived_quintile_upper_ci_95 DOUBLE, least_deprived_quintile_suppressed BOOLEAN,
    quintile_absolute_gap DOUBLE, quintile_relative_gap DOUBLE,
    sii DOUBLE, sii_lower_ci_95 DOUBLE, sii_upper_ci_95 DOUBLE,
    rii DOUBLE, rii_lower_ci_95 DOUBLE, rii_upper_ci_95 DOUBLE,
    PRIMARY KEY (place_id, source_id, indicator, sex, age, period_label)
);
