-- The indicators whose newest download is not yet what the fact table holds: the ones
-- conformed.fact_indicator_value rebuilds (its other indicators' rows stay as they are).
{% macro stale_fingertips_indicators(fact) %}
    SELECT downloaded.indicator_id
    FROM (
        SELECT indicator_id, max(response_id) AS response_id
        FROM {{ source('raw', 'fingertips_all_data_requests') }}
        GROUP BY indicator_id
    ) AS downloaded
    LEFT JOIN (
        SELECT indicator_id, max(response_id) AS response_id
        FROM {{ fact }}
        GROUP BY indicator_id
    ) AS conformed USING (indicator_id)
    WHERE conformed.response_id IS DISTINCT FROM downloaded.response_id
{% endmacro %}
