-- A place's Core20, quintile and decile sums, with each indicator's scale (value per
-- numerator/denominator in its source: 100 for a percentage).
SELECT breakdowns.*, scales.scale
FROM conformed.core20_breakdown AS breakdowns
LEFT JOIN conformed.extract_indicator_scales AS scales USING (indicator)
WHERE breakdowns.place_id = $place_id
  AND breakdowns.breakdown_value NOT IN ('unmatched');
