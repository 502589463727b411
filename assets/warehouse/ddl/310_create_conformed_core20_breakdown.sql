-- One deprivation group of one place's LSOA-level extract counts (one source, indicator, sex,
-- age, extract breakdown and period) under the IMD version the place chose: Core20 / rest of
-- place, national quintile 1-5 or decile 1-10 (1 = most deprived). LSOAs with no decile are kept
-- in the value 'unmatched' of every type, so each type's rows add up to the place's totals.
CREATE TABLE IF NOT EXISTS conformed.core20_breakdown (
    place_id          VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    indicator         VARCHAR NOT NULL,
    sex               VARCHAR NOT NULL,
    age               VARCHAR NOT NULL,
    extract_breakdown VARCHAR NOT NULL,
    period_label      VARCHAR NOT NULL,
    is_synthetic      BOOLEAN NOT NULL,
    imd_version       VARCHAR NOT NULL,
    breakdown_type    VARCHAR NOT NULL CHECK (breakdown_type IN ('core20', 'quintile', 'decile')),
    breakdown_value   VARCHAR NOT NULL,
    -- NULL when any LSOA in the group had a NULL count: a gap is never read as zero.
    numerator         DOUBLE,
    denominator       DOUBLE,
    -- LSOAs at the counts' own vintage; 0 (with zero sums) for a group with no LSOAs.
    lsoa_count        BIGINT NOT NULL,
    -- All-ages population of those LSOAs (latest mid-year loaded); NULL where not loaded.
    population        BIGINT,
    -- LSOAs of this source, indicator, sex, age, breakdown and period with no decile.
    unmatched_lsoas   BIGINT NOT NULL,
    -- The reference bundle version (reference/bundles/<version>) whose IMD deciles, lookups and
    -- populations this cut used.
    reference_version VARCHAR,
    PRIMARY KEY (
        place_id, source_id, indicator, sex, age, extract_breakdown, period_label, imd_version,
        breakdown_type, breakdown_value
    )
);
