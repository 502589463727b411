-- One row per published review: what the board was told is frozen in the review_* tables.
CREATE TABLE IF NOT EXISTS marts.review_publications (
    review_id    VARCHAR PRIMARY KEY,
    place_id     VARCHAR NOT NULL,
    review_date  DATE NOT NULL,
    review_label VARCHAR NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    measures     INTEGER NOT NULL
);
