-- SII and RII computed from Fingertips' own deprivation-decile rows, per indicator, area, sex,
-- age, decile type and period (deciles weighted equally: each is about a tenth of the people).
CREATE TABLE IF NOT EXISTS marts.fingertips_inequalities (
    indicator_id INTEGER NOT NULL, area_code VARCHAR NOT NULL, sex VARCHAR NOT NULL,
    age VARCHAR NOT NULL, category_type VARCHAR NOT NULL, time_period VARCHAR NOT NULL,
    quantiles INTEGER, sii DOUBLE, sii_lower_ci_95 DOUBLE, sii_upper_ci_95 DOUBLE, rii DOUBLE,
    rii_lower_ci_95 DOUBLE, rii_upper_ci_95 DOUBLE, inputs_fetched_at TIMESTAMP,
    PRIMARY KEY (indicator_id, area_code, sex, age, category_type, time_period)
);
