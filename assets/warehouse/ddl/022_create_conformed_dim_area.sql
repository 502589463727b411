-- An area within one boundary vintage: the same code can sit in several area types.
CREATE TABLE IF NOT EXISTS conformed.dim_area (
    area_code           VARCHAR NOT NULL,
    area_type_id        INTEGER NOT NULL,
    area_name           VARCHAR NOT NULL,
    area_short_name     VARCHAR,
    parent_area_code    VARCHAR,
    parent_area_type_id INTEGER,
    PRIMARY KEY (area_code, area_type_id)
);
