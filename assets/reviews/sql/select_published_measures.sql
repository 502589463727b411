-- A published review's trend table as frozen, each row beside the value revised since (NULL where
-- unchanged): the comparison the BI model marts.review_trend makes
-- (sql/models/marts/reviews/review_trend.sql). The report reads it here because dbt builds that
-- view only after this asset has published; tests/test_reviews.py checks the two agree.
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
   AND current_values.time_period = published.latest_period
WHERE published.review_id = $review_id
ORDER BY published.measure_order, published.measure_id;
