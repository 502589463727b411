CREATE TABLE IF NOT EXISTS conformed.dim_area_type (
    area_type_id    INTEGER PRIMARY KEY,
    area_type_name  VARCHAR NOT NULL,
    area_type_short VARCHAR,
    is_searchable   BOOLEAN,
    can_be_displayed_on_map BOOLEAN
);
