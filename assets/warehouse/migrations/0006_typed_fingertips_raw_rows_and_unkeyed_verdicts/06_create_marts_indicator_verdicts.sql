-- marts.indicator_verdicts without its primary key.
CREATE TABLE marts.indicator_verdicts (
    indicator_id INTEGER NOT NULL, area_code VARCHAR NOT NULL, area_type VARCHAR NOT NULL,
    sex VARCHAR NOT NULL, age VARCHAR NOT NULL, category_type VARCHAR NOT NULL,
    category VARCHAR NOT NULL, time_period VARCHAR NOT NULL, polarity VARCHAR,
    compared_to_england VARCHAR, compared_to_england_99_8 VARCHAR,
    fingertips_compared_to_england VARCHAR, agrees_england BOOLEAN,
    compared_to_parent VARCHAR, fingertips_compared_to_parent VARCHAR, agrees_parent BOOLEAN,
    recent_trend VARCHAR, fingertips_recent_trend VARCHAR, agrees_trend BOOLEAN,
    area_type_id INTEGER, benchmark_method VARCHAR, trend_periods VARCHAR,
    inputs_fetched_at TIMESTAMP
);
