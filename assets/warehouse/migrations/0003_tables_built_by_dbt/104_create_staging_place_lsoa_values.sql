-- A place's LSOA-level extract rows summed to the place, with their intervals (computed in Python:
-- Wilson for a percentage, Byar's otherwise); marts.place_measure_values reads them.
CREATE TABLE IF NOT EXISTS staging.place_lsoa_values (
    place_id       VARCHAR NOT NULL,
    measure_id     VARCHAR NOT NULL,
    area_code      VARCHAR NOT NULL,
    sex            VARCHAR NOT NULL,
    age            VARCHAR NOT NULL,
    period_label   VARCHAR NOT NULL,
    period_start   DATE,
    period_end     DATE,
    numerator      DOUBLE,
    denominator    DOUBLE,
    value          DOUBLE,
    lower_ci_95    DOUBLE,
    upper_ci_95    DOUBLE,
    value_note     VARCHAR,
    PRIMARY KEY (place_id, measure_id, area_code, sex, age, period_label)
);
