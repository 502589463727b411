-- The BI view of a published review (frozen rows beside values revised since). dbt lays the view
-- out in every new or upgraded warehouse, so it is there before its first build.
SELECT * FROM marts.review_trend WHERE review_id = $review_id ORDER BY measure_order, measure_id;
