-- Typed Fingertips values: the newest download of each (indicator, child and parent area type),
-- then, where two downloads carry the same fact (England rows come with every area type), the
-- one fetched last. Fields were checked as typable when the download was loaded.
WITH latest_requests AS (
    SELECT requests.response_id, requests.indicator_id, requests.child_area_type_id,
           requests.parent_area_type_id, requests.parent_comparison_label,
           responses.source_url, responses.fetched_at
    FROM {{ source('raw', 'fingertips_all_data_requests') }} AS requests
    JOIN {{ source('raw', 'fingertips_responses') }} AS responses USING (response_id)
    QUALIFY row_number() OVER (
        PARTITION BY requests.indicator_id, requests.child_area_type_id, requests.parent_area_type_id
        ORDER BY responses.fetched_at DESC, requests.response_id DESC
    ) = 1
),
-- Every area type each code is listed under (areas/by_area_type answers): a download mixes
-- England, regions, combined authorities, counties and districts with the requested areas.
listed_area_types AS (
    SELECT area_code, list(DISTINCT area_type_id ORDER BY area_type_id) AS area_type_ids
    FROM {{ ref('dim_area') }}
    GROUP BY area_code
)
SELECT
    CAST(rows.indicator_id AS INTEGER) AS indicator_id,
    rows.indicator_name,
    rows.area_code,
    rows.area_type,
    rows.sex,
    rows.age,
    coalesce(rows.category_type, '') AS category_type,
    coalesce(rows.category, '') AS category,
    rows.time_period,
    -- Rows carry an area type's display text ("UA", "County"); the id says which vintage. It is
    -- the type the code is listed under: the requested child type, else the requested parent
    -- type, where the code is listed under either (a UA is listed in several vintages); else its
    -- only listed type. Null where the listings do not say (reported by a dbt test).
    CASE
        WHEN rows.area_code = 'E92000001' THEN 15
        WHEN list_contains(listed.area_type_ids, latest.child_area_type_id)
            THEN latest.child_area_type_id
        WHEN list_contains(listed.area_type_ids, latest.parent_area_type_id)
            THEN latest.parent_area_type_id
        WHEN len(listed.area_type_ids) = 1 THEN listed.area_type_ids[1]
    END AS area_type_id,
    rows.area_name,
    rows.parent_code,
    CAST(rows.value AS DOUBLE) AS value,
    CAST(rows.lower_ci_95 AS DOUBLE) AS lower_ci_95,
    CAST(rows.upper_ci_95 AS DOUBLE) AS upper_ci_95,
    CAST(rows.lower_ci_99_8 AS DOUBLE) AS lower_ci_99_8,
    CAST(rows.upper_ci_99_8 AS DOUBLE) AS upper_ci_99_8,
    CAST(rows.count AS DOUBLE) AS count,
    CAST(rows.denominator AS DOUBLE) AS denominator,
    rows.value_note,
    CAST(rows.time_period_sortable AS BIGINT) AS time_period_sortable,
    rows.time_period_range,
    rows.recent_trend AS fingertips_recent_trend,
    rows.compared_to_england AS fingertips_compared_to_england,
    rows.compared_to_parent AS fingertips_compared_to_parent,
    latest.parent_comparison_label AS fingertips_parent_comparison,
    'fingertips' AS source,
    latest.source_url,
    rows.response_id,
    rows.source_row,
    latest.fetched_at
FROM {{ source('raw', 'fingertips_all_data') }} AS rows
JOIN latest_requests AS latest
    ON latest.response_id = rows.response_id
   AND latest.indicator_id = CAST(rows.indicator_id AS INTEGER)
LEFT JOIN listed_area_types AS listed ON listed.area_code = rows.area_code
QUALIFY row_number() OVER (
    PARTITION BY rows.indicator_id, rows.area_code, rows.area_type, rows.sex, rows.age,
                 coalesce(rows.category_type, ''), coalesce(rows.category, ''), rows.time_period
    ORDER BY latest.fetched_at DESC, rows.response_id DESC
) = 1
