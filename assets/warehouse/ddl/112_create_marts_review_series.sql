-- Each measure's series as shown at a published review (the charts' points), frozen.
CREATE TABLE IF NOT EXISTS marts.review_series (
    place_id VARCHAR NOT NULL, review_id VARCHAR NOT NULL, measure_id VARCHAR NOT NULL,
    period_label VARCHAR NOT NULL, period_end DATE, value DOUBLE, lower_ci_95 DOUBLE,
    upper_ci_95 DOUBLE, england_value DOUBLE, core20_value DOUBLE, rest_value DOUBLE,
    period_start DATE,
    PRIMARY KEY (review_id, measure_id, period_label)
);
