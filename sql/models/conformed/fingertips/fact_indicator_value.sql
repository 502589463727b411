-- One Fingertips value per indicator, area, sex, age, category and period, typed from the newest
-- downloads (staging.fingertips_values) with its period's dates and its category type's id.
-- Incremental: a run rebuilds only the indicators whose newest download the table does not yet
-- hold (the pre-hook deletes their rows); every other indicator's rows stay exactly as they were
-- built. A download that would take an indicator's rows away (none, missing, or far fewer) is
-- refused before it gets here (assets/fingertips/download_guard.py forgets its request), so the
-- indicator keeps its last good values; only an accepted removal (Fingertips' LastDeletedAt, or
-- --accept-removals) reaches this table as a download with fewer rows.
-- depends_on: {{ source('raw', 'fingertips_all_data_requests') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        append_through_view=true,
        pre_hook="{% if is_incremental() %}DELETE FROM {{ this }} WHERE indicator_id IN ({{ stale_fingertips_indicators(this) }}){% endif %}",
    )
}}
SELECT
    staged.indicator_id,
    staged.area_code,
    staged.area_type,
    staged.sex,
    staged.age,
    staged.category_type,
    staged.category,
    staged.time_period,
    staged.area_type_id,
    staged.area_name,
    staged.parent_code,
    categories.category_type_id,
    staged.value,
    staged.lower_ci_95,
    staged.upper_ci_95,
    staged.lower_ci_99_8,
    staged.upper_ci_99_8,
    staged.count,
    staged.denominator,
    staged.value_note,
    periods.period_start,
    periods.period_end,
    staged.time_period_sortable,
    staged.time_period_range,
    staged.fingertips_recent_trend,
    staged.fingertips_compared_to_england,
    staged.fingertips_compared_to_parent,
    staged.fingertips_parent_comparison,
    staged.source,
    staged.source_url,
    staged.response_id,
    staged.source_row,
    staged.fetched_at
FROM {{ ref('fingertips_values') }} AS staged
LEFT JOIN {{ ref('dim_indicator') }} AS indicators USING (indicator_id)
LEFT JOIN {{ source('conformed', 'dim_period') }} AS periods
    ON periods.time_period = staged.time_period
   AND periods.year_type = coalesce(indicators.year_type, '')
-- Category-type ids for newer vintages are unpublished: resolve them by exact name.
LEFT JOIN (
    SELECT category_type_name, min(category_type_id) AS category_type_id
    FROM {{ ref('dim_category') }}
    GROUP BY category_type_name
) AS categories
    ON categories.category_type_name = staged.category_type
{% if is_incremental() %}
WHERE staged.indicator_id IN ({{ stale_fingertips_indicators(this) }})
{% endif %}
