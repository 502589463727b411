-- The trend tables boards were shown, as frozen at publication (marts.review_measures, written by
-- the place_reviews asset and never updated), each row beside the value the warehouse holds now
-- for the same measure, series and period where that value was revised after publication.
-- Withdrawn reviews stay here, marked is_withdrawn. The review report reads this view
-- (assets/reviews/sql/select_published_measures.sql).
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
    END AS revised_value,
    -- Reviews published before the dates were frozen take them from the place's current values.
    coalesce(published.latest_period_start, current_values.period_start) AS latest_period_start,
    coalesce(published.latest_period_end, current_values.period_end) AS latest_period_end,
    -- The flags list again as text and one boolean each, which ODBC drivers and Power BI read.
    array_to_string(published.flags, '; ') AS flags_text,
    list_contains(published.flags, 'discontinued') AS is_discontinued,
    list_contains(published.flags, 'series break') AS has_series_break,
    list_contains(published.flags, 'suppressed') AS is_suppressed,
    list_contains(published.flags, 'missing') AS is_missing,
    list_contains(published.flags, 'stale') AS is_stale,
    published.neighbour_value,
    published.target_value,
    published.target_by,
    published.value_type,
    published.frequency,
    published.core20_definition,
    coalesce(publications.off_cadence, false) AS off_cadence,
    coalesce(publications.no_new_data, false) AS no_new_data,
    publications.withdrawn_at IS NOT NULL AS is_withdrawn,
    publications.withdrawn_at,
    publications.withdrawn_by,
    publications.withdrawal_reason
FROM {{ source('marts', 'review_measures') }} AS published
JOIN {{ source('marts', 'review_publications') }} AS publications
    ON publications.review_id = published.review_id
LEFT JOIN {{ ref('place_measure_values') }} AS current_values
    ON current_values.place_id = published.place_id
   AND current_values.measure_id = published.base_measure_id
   AND current_values.sex = published.series_sex
   AND current_values.age = published.series_age
   AND current_values.time_period = published.latest_period
