-- Statement 16 fills a column of this table, which a file from before versions may never have
-- created: create it as version 4 laid it out (empty), so the statements below run on any file.
CREATE TABLE IF NOT EXISTS marts.review_outcomes (
    place_id VARCHAR NOT NULL, review_id VARCHAR NOT NULL, outcome_id VARCHAR NOT NULL,
    outcome_name VARCHAR NOT NULL, measures BIGINT NOT NULL, improving BIGINT NOT NULL,
    worsening BIGINT NOT NULL, no_change BIGINT NOT NULL, not_calculable BIGINT NOT NULL,
    PRIMARY KEY (review_id, outcome_id)
);
