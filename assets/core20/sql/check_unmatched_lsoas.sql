-- Breakdowns holding LSOAs that matched no decile (an unknown code, or one missing from the
-- bridge): their counts sit in the 'unmatched' rows, outside every deprivation group.
SELECT DISTINCT place_id, source_id, indicator, period_label, unmatched_lsoas
FROM conformed.core20_breakdown
WHERE unmatched_lsoas > 0
ORDER BY ALL
LIMIT 100;
