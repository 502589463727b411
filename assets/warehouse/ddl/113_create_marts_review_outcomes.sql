-- Per shared outcome at a published review: how many measures improved, worsened or held.
CREATE TABLE IF NOT EXISTS marts.review_outcomes (
    place_id VARCHAR NOT NULL, review_id VARCHAR NOT NULL, outcome_id VARCHAR NOT NULL,
    outcome_name VARCHAR NOT NULL, measures BIGINT NOT NULL, improving BIGINT NOT NULL,
    worsening BIGINT NOT NULL, no_change BIGINT NOT NULL, not_calculable BIGINT NOT NULL,
    not_applicable BIGINT DEFAULT 0,
    PRIMARY KEY (review_id, outcome_id)
);
