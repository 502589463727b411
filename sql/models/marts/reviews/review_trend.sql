-- The trend tables boards were shown, as frozen at publication (marts.review_measures, written by
-- the place_reviews asset and never updated), each row beside the value the warehouse holds now
-- for the same measure, series and period where that value was revised after publication.
-- The review report reads the same comparison at publication time
-- (assets/reviews/sql/select_published_measures.sql), before dbt has built this view.
SELECT
    published.place_id,
    published.place_name,
    published.review_id,
    published.review_label,
    published.published_at,
    published.outcome_id,
    published.outcome_name,
    published.priority_id,
    published.priority_name,
    published.measure_id,
    published.base_measure_id,
    published.measure_order,
    published.series_sex,
    published.series_age,
    published.measure_name,
    published.role,
    published.unit,
    published.polarity,
    published.latest_period,
    published.latest_value,
    published.latest_lower_ci_95,
    published.latest_upper_ci_95,
    published.previous_review_value,
    published.change_since_previous,
    published.direction,
    published.trend_marker,
    published.compared_to_england,
    published.compared_to_region,
    published.compared_to_neighbours,
    published.england_value,
    published.region_value,
    published.core20_value,
    published.rest_value,
    published.core20_gap,
    published.core20_gap_previous,
    published.core20_gap_change,
    published.is_fresh,
    published.freshness_note,
    published.flags,
    published.source,
    published.synthetic,
    -- NULL where nothing changed, so a non-null value means "revised since the board saw it".
    CASE
        WHEN current_values.value IS DISTINCT FROM published.latest_value THEN current_values.value
    END AS revised_value
FROM {{ source('marts', 'review_measures') }} AS published
LEFT JOIN {{ ref('place_measure_values') }} AS current_values
    ON current_values.place_id = published.place_id
   AND current_values.measure_id = published.base_measure_id
   AND current_values.sex = published.series_sex
   AND current_values.age = published.series_age
   AND current_values.time_period = published.latest_period
