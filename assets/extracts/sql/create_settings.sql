-- What the declaration says about typing and checking rows, as one row the views below read
-- (a view cannot take parameters):
--   fixed_period, fixed_sex/age/breakdown: values the file has no column for;
--   suppressed: texts standing for a withheld value (loaded as NULL, value_note 'suppressed');
--   thousands: the thousands separator to drop before reading a number ('' for none);
--   value_per: compute value = numerator / denominator × value_per (NULL: the file has values);
--   area_levels: {level, prefix, exact}: a code E + 8 digits is of the level whose prefix is its
--     first three characters (prefixes are disjoint), and must be `exact` where that is given;
--   area_described: how to say what an area code should be;
--   ignore_rules: {position, field, pattern, reason}, the first matching rule wins;
--   lsoa_vintages_known: the LSOA vintages the reference bundle loaded has codes for
--     (raw.reference_lsoa_geography, whose rows conformed.lsoa_geography is built from: read here,
--     as the loader does not wait for dbt).
CREATE OR REPLACE TEMP TABLE extract_settings AS
SELECT
    CAST($fixed_period AS VARCHAR) AS fixed_period,
    CAST($fixed_sex AS VARCHAR) AS fixed_sex,
    CAST($fixed_age AS VARCHAR) AS fixed_age,
    CAST($fixed_breakdown AS VARCHAR) AS fixed_breakdown,
    CAST($suppressed AS VARCHAR[]) AS suppressed,
    CAST($thousands AS VARCHAR) AS thousands,
    CAST($value_per AS DOUBLE) AS value_per,
    CAST($numerator_within_denominator AS BOOLEAN) AS numerator_within_denominator,
    CAST($area_levels AS STRUCT(level VARCHAR, prefix VARCHAR, exact VARCHAR)[]) AS area_levels,
    CAST($area_described AS VARCHAR) AS area_described,
    CAST($first_lsoa2021_code AS VARCHAR) AS first_lsoa2021_code,
    CAST($ignore_rules AS STRUCT(position INTEGER, field VARCHAR, pattern VARCHAR, reason VARCHAR)[])
        AS ignore_rules,
    (SELECT list(DISTINCT lsoa_vintage) FROM raw.reference_lsoa_geography) AS lsoa_vintages_known;
