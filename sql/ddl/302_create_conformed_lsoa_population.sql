-- The estimated population of one LSOA in one mid-year, by sex and age band as the source gives
-- them ('all ages' is the source's own total, not a sum of the bands).
CREATE TABLE IF NOT EXISTS conformed.lsoa_population (
    lsoa_code       VARCHAR NOT NULL,
    lsoa_vintage    VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    sex             VARCHAR NOT NULL,
    age_band        VARCHAR NOT NULL,
    age_lower       INTEGER NOT NULL,
    -- NULL for open bands ('90+', 'all ages').
    age_upper       INTEGER,
    population      INTEGER NOT NULL,
    source_location VARCHAR NOT NULL,
    loaded_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lsoa_vintage, lsoa_code, year, sex, age_band)
);
