-- The first current values of one source, for the asset's metadata preview (from the revisions
-- the loader writes: the view conformed.fact_extract_value_current is built after it).
SELECT catalogue_indicator_id, area_code, area_level, sex, age, breakdown, period_label,
       numerator, denominator, value, value_note, revision, source_row
FROM conformed.fact_extract_value
WHERE source_id = $source_id AND is_current
ORDER BY catalogue_indicator_id, period_label, area_code
LIMIT 10;
