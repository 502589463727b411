-- The published trend tables for BI, each beside any value revised since publication.
CREATE OR REPLACE VIEW marts.review_trend AS
SELECT
    published.*,
    CASE
        WHEN current_values.value IS DISTINCT FROM published.latest_value THEN current_values.value
    END AS revised_value
FROM marts.review_measures AS published
LEFT JOIN marts.place_measure_values AS current_values
    ON current_values.place_id = published.place_id
   AND current_values.measure_id = published.base_measure_id
   AND current_values.sex = published.series_sex
   AND current_values.age = published.series_age
   AND current_values.time_period = published.latest_period;
