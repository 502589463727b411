CREATE TABLE IF NOT EXISTS conformed.dim_period (
    time_period  VARCHAR NOT NULL,
    year_type    VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_start DATE,
    period_end   DATE,
    PRIMARY KEY (time_period, year_type)
);
