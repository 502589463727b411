-- One row per published review: what the board was told is frozen in the review_* tables.
CREATE TABLE IF NOT EXISTS marts.review_publications (
    review_id    VARCHAR PRIMARY KEY,
    place_id     VARCHAR NOT NULL,
    review_date  DATE NOT NULL,
    review_label VARCHAR NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    measures     INTEGER NOT NULL,
    -- Published outside the place's review months, or with no data newer than the previous
    -- review's: each needs an explicit flag (outcomes review publish --off-cadence, --no-new-data).
    off_cadence  BOOLEAN DEFAULT false,
    no_new_data  BOOLEAN DEFAULT false,
    -- A withdrawn review is kept, marked so, and is never a later review's previous review.
    withdrawn_at TIMESTAMPTZ,
    withdrawn_by VARCHAR,
    withdrawal_reason VARCHAR
);
