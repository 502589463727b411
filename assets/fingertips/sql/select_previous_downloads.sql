-- For each indicator one all_data download asked for: the rows its previous accepted download of
-- the same area types held, when that was fetched, and when Fingertips last deleted any of the
-- indicator's data (DataChange.LastDeletedAt in the newest metadata answer). A refused download
-- is not among them: its requests were never kept.
WITH asked AS (
    SELECT indicator_id, child_area_type_id, parent_area_type_id
    FROM raw.fingertips_all_data_requests
    WHERE response_id = $response_id
),
previous AS (
    SELECT requests.indicator_id, requests.response_id, responses.fetched_at
    FROM raw.fingertips_all_data_requests AS requests
    JOIN raw.fingertips_responses AS responses USING (response_id)
    JOIN asked
        ON asked.indicator_id = requests.indicator_id
       AND asked.child_area_type_id IS NOT DISTINCT FROM requests.child_area_type_id
       AND asked.parent_area_type_id IS NOT DISTINCT FROM requests.parent_area_type_id
    WHERE requests.response_id <> $response_id
    QUALIFY row_number() OVER (
        PARTITION BY requests.indicator_id
        ORDER BY responses.fetched_at DESC, requests.response_id DESC
    ) = 1
),
previous_rows AS (
    SELECT previous.indicator_id, count(rows.source_row) AS row_count
    FROM previous
    LEFT JOIN raw.fingertips_all_data AS rows
        ON rows.response_id = previous.response_id
       AND rows.indicator_id = previous.indicator_id
    GROUP BY previous.indicator_id
),
deletions AS (
    SELECT
        CAST(entries.key AS INTEGER) AS indicator_id,
        TRY_CAST(entries.value -> 'DataChange' ->> 'LastDeletedAt' AS TIMESTAMP) AS last_deleted_at
    FROM raw.fingertips_json AS answers
    JOIN raw.fingertips_responses AS responses USING (response_id),
        json_each(answers.payload) AS entries
    WHERE responses.endpoint = 'indicator_metadata/by_indicator_id'
    QUALIFY row_number() OVER (
        PARTITION BY CAST(entries.key AS INTEGER) ORDER BY answers.response_id DESC
    ) = 1
)
SELECT previous.indicator_id, previous_rows.row_count, previous.fetched_at, deletions.last_deleted_at
FROM previous
JOIN previous_rows USING (indicator_id)
LEFT JOIN deletions USING (indicator_id)
ORDER BY previous.indicator_id;
