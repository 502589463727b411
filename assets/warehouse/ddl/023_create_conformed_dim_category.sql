CREATE TABLE IF NOT EXISTS conformed.dim_category (
    category_type_id    INTEGER NOT NULL,
    category_type_name  VARCHAR NOT NULL,
    category_type_short VARCHAR,
    category_id         INTEGER NOT NULL,
    category_name       VARCHAR NOT NULL,
    category_short_name VARCHAR,
    PRIMARY KEY (category_type_id, category_id)
);
