CREATE TABLE IF NOT EXISTS conformed.dim_profile (
    profile_id   INTEGER PRIMARY KEY,
    profile_key  VARCHAR,
    profile_name VARCHAR NOT NULL,
    group_ids    INTEGER[]
);
