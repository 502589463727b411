-- Every row of every all_data CSV download, typed as it was read: numbers as numbers, the rest
-- as the text that came back, with its row number in the file. The file is read once with this
-- explicit schema (raw_loading.py); a field that is not a number refuses the whole download.
-- No primary key: (response_id, source_row) is unique by construction, and the key's index
-- would cost the load time and memory.
CREATE TABLE IF NOT EXISTS raw.fingertips_all_data (
    response_id          BIGINT NOT NULL,
    source_row           BIGINT NOT NULL,
    resaved_row_label    VARCHAR,
    indicator_id         INTEGER,
    indicator_name       VARCHAR,
    parent_code          VARCHAR,
    parent_name          VARCHAR,
    area_code            VARCHAR,
    area_name            VARCHAR,
    area_type            VARCHAR,
    sex                  VARCHAR,
    age                  VARCHAR,
    category_type        VARCHAR,
    category             VARCHAR,
    time_period          VARCHAR,
    value                DOUBLE,
    lower_ci_95          DOUBLE,
    upper_ci_95          DOUBLE,
    lower_ci_99_8        DOUBLE,
    upper_ci_99_8        DOUBLE,
    count                DOUBLE,
    denominator          DOUBLE,
    value_note           VARCHAR,
    recent_trend         VARCHAR,
    compared_to_england  VARCHAR,
    compared_to_parent   VARCHAR,
    time_period_sortable BIGINT,
    new_data             VARCHAR,
    compared_to_goal     VARCHAR,
    time_period_range    VARCHAR
);
