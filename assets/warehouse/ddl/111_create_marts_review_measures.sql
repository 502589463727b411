-- The trend table exactly as published: one row per measure (series) of a place at a review.
-- Never updated: data revised later shows as revised_value in marts.review_trend.
CREATE TABLE IF NOT EXISTS marts.review_measures (
    place_id VARCHAR NOT NULL, place_name VARCHAR NOT NULL, review_id VARCHAR NOT NULL,
    review_label VARCHAR NOT NULL, published_at TIMESTAMPTZ NOT NULL,
    outcome_id VARCHAR NOT NULL, outcome_name VARCHAR NOT NULL,
    priority_id VARCHAR NOT NULL, priority_name VARCHAR NOT NULL,
    measure_id VARCHAR NOT NULL, base_measure_id VARCHAR NOT NULL, measure_order INTEGER NOT NULL,
    series_sex VARCHAR,
    series_age VARCHAR, measure_name VARCHAR NOT NULL, role VARCHAR NOT NULL, unit VARCHAR,
    polarity VARCHAR NOT NULL, latest_period VARCHAR, latest_value DOUBLE,
    latest_lower_ci_95 DOUBLE, latest_upper_ci_95 DOUBLE, previous_review_value DOUBLE,
    change_since_previous DOUBLE, direction VARCHAR NOT NULL, trend_marker VARCHAR NOT NULL,
    compared_to_england VARCHAR NOT NULL, compared_to_region VARCHAR NOT NULL,
    compared_to_neighbours VARCHAR NOT NULL, england_value DOUBLE, region_value DOUBLE,
    core20_value DOUBLE, rest_value DOUBLE, core20_gap DOUBLE, core20_gap_previous DOUBLE,
    core20_gap_change DOUBLE, is_fresh BOOLEAN NOT NULL, freshness_note VARCHAR,
    flags VARCHAR[] NOT NULL, source VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL,
    latest_period_start DATE, latest_period_end DATE, neighbour_value DOUBLE, target_value DOUBLE,
    target_by VARCHAR, value_type VARCHAR, frequency VARCHAR, core20_definition VARCHAR,
    PRIMARY KEY (review_id, measure_id)
);
