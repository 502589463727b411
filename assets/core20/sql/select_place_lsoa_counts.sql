-- One place's LSOA-level counts, current revisions only. Every row is kept, whether or not its
-- code is a known LSOA: the breakdown counts the unknown ones as unmatched.
SELECT
    source_id,
    catalogue_indicator_id AS indicator,
    sex,
    age,
    breakdown AS extract_breakdown,
    period_label,
    is_synthetic,
    area_code AS lsoa_code,
    -- area_level 'lsoa2011' → vintage '2011'
    right(area_level, 4) AS lsoa_vintage,
    numerator,
    denominator
FROM conformed.fact_extract_value_current
WHERE place = $place_id AND area_level IN ('lsoa2011', 'lsoa2021');
