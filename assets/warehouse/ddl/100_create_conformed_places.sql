-- One row per place (a place YAML file), as last validated and loaded.
CREATE TABLE IF NOT EXISTS conformed.places (
    place_id            VARCHAR PRIMARY KEY,
    place_name          VARCHAR NOT NULL,
    area_codes          VARCHAR[] NOT NULL,
    area_type_id        INTEGER NOT NULL,
    region_code         VARCHAR NOT NULL,
    region_name         VARCHAR NOT NULL,
    icb_code            VARCHAR NOT NULL,
    icb_name            VARCHAR NOT NULL,
    nearest_neighbours  VARCHAR[] NOT NULL,
    review_cadence      VARCHAR NOT NULL,
    review_month        INTEGER NOT NULL,
    trajectory_years    INTEGER NOT NULL,
    imd_version         VARCHAR NOT NULL,
    core20_deciles      INTEGER[] NOT NULL,
    file_sha256         VARCHAR NOT NULL,
    loaded_at           TIMESTAMPTZ NOT NULL
);
