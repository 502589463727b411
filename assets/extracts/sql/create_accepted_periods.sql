-- Each indicator and period the file's accepted values cover, with how many values and rows:
-- the periods whose earlier values the file supersedes, and the file's counts.
CREATE OR REPLACE TEMP TABLE extract_accepted_periods AS
SELECT catalogue_indicator_id, period_label, count(*) AS values_loaded, sum(len(source_rows)) AS rows_loaded
FROM extract_accepted_values
GROUP BY catalogue_indicator_id, period_label;
