-- Each indicator with deprivation-decile rows (of any vintage of the IMD), and when the newest of
-- them was fetched: its inequalities are computed again when that moves.
CREATE OR REPLACE TEMP TABLE inequality_inputs AS
SELECT indicator_id, max(fetched_at) AS inputs_fetched_at
FROM conformed.fact_indicator_value
WHERE category_type ILIKE '%deprivation decile%'
GROUP BY indicator_id;
