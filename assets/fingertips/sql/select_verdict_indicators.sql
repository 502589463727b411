-- The indicators about to be judged, as create_verdict_indicators counted them.
SELECT indicator_id, row_count, by_quintiles FROM verdict_indicators ORDER BY indicator_id;
