-- Typed Fingertips values: the newest download of each (indicator, child and parent area type),
-- then, where two downloads carry the same fact (England rows come with every area type), the
-- one fetched last. The load read the numbers as numbers and refused a download whose rows share
-- a key, so an indicator with one newest download needs no sorting out: only indicators with
-- several are ranked (on a large download, that ranking was most of this model's time and memory).
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
latest AS (
    SELECT *, count(*) OVER (PARTITION BY indicator_id) AS downloads
    FROM latest_requests
),
-- Every area type each code is listed under (areas/by_area_type answers): a download mixes
-- England, regions, combined authorities, counties and districts with the requested areas.
listed_area_types AS (
    SELECT area_code, list(DISTINCT area_type_id ORDER BY area_type_id) AS area_type_ids
    FROM {{ ref('dim_area') }}
    GROUP BY area_code
),
typed AS NOT MATERIALIZED (
    SELECT
        rows.indicator_id,
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
        rows.value,
        rows.lower_ci_95,
        rows.upper_ci_95,
        rows.lower_ci_99_8,
        rows.upper_ci_99_8,
        rows.count,
        rows.denominator,
        rows.value_note,
        rows.time_period_sortable,
        rows.time_period_range,
        rows.recent_trend AS fingertips_recent_trend,
        rows.compared_to_england AS fingertips_compared_to_england,
        rows.compared_to_parent AS fingertips_compared_to_parent,
        latest.parent_comparison_label AS fingertips_parent_comparison,
        'fingertips' AS source,
        latest.source_url,
        rows.response_id,
        rows.source_row,
        latest.fetched_at,
        latest.downloads
    FROM {{ source('raw', 'fingertips_all_data') }} AS rows
    JOIN latest
        ON latest.response_id = rows.response_id
       AND latest.indicator_id = rows.indicator_id
    LEFT JOIN listed_area_types AS listed ON listed.area_code = rows.area_code
)
SELECT * EXCLUDE (downloads) FROM typed WHERE downloads = 1
UNION ALL
SELECT * EXCLUDE (downloads) FROM typed WHERE downloads > 1
QUALIFY row_number() OVER (
    PARTITION BY indicator_id, area_code, area_type, sex, age, category_type, category, time_period
    ORDER BY fetched_at DESC, response_id DESC
) = 1
