-- Indicator metadata from the JSON endpoint, with polarity and frequency from the metadata CSV
-- (the JSON does not carry them), and how Fingertips benchmarks the indicator where the metadata
-- answer says (its grouping's ComparatorMethodId and ComparatorConfidence, else ConfidenceLevel): each indicator from the newest metadata answer that holds it,
-- beside the CSV fetched in the same run for the same indicators.
WITH metadata AS (
    SELECT
        CAST(entries.key AS INTEGER) AS indicator_id,
        entries.value AS j,
        answers.response_id,
        responses.query,
        responses.dagster_run_id,
        responses.fetched_at
    FROM {{ source('fingertips_indicator_metadata', 'json') }} AS answers
    JOIN {{ source('fingertips_indicator_metadata', 'responses') }} AS responses USING (response_id),
        json_each(answers.payload) AS entries
    WHERE responses.endpoint = 'indicator_metadata/by_indicator_id'
    QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY answers.response_id DESC) = 1
),
csv_responses AS (
    SELECT response_id, query, dagster_run_id
    FROM {{ source('fingertips_indicator_metadata', 'responses') }}
    WHERE endpoint = 'indicator_metadata/csv/by_indicator_id'
)
SELECT
    metadata.indicator_id,
    coalesce(metadata.j -> 'Descriptive' ->> 'Name', csv.indicator) AS indicator_name,
    metadata.j -> 'Unit' ->> 'Label' AS unit_label,
    coalesce(metadata.j -> 'ValueType' ->> 'Name', csv.value_type) AS value_type,
    coalesce(metadata.j -> 'YearType' ->> 'Name', csv.year_type) AS year_type,
    metadata.j -> 'ConfidenceIntervalMethod' ->> 'Name' AS ci_method,
    csv.polarity,
    TRY_CAST(metadata.j ->> 'ComparatorMethodId' AS INTEGER) AS comparator_method_id,
    TRY_CAST(
        coalesce(metadata.j ->> 'ComparatorConfidence', metadata.j ->> 'ConfidenceLevel') AS DOUBLE
    ) AS comparator_confidence,
    csv.frequency,
    metadata.j ->> 'Status' AS indicator_status,
    TRY_CAST(metadata.j -> 'DataChange' ->> 'LastUploadedAt' AS TIMESTAMP) AS last_uploaded_at,
    metadata.fetched_at AS metadata_fetched_at
FROM metadata
LEFT JOIN csv_responses
    ON csv_responses.dagster_run_id = metadata.dagster_run_id
   AND split_part(csv_responses.query, '?', 2) = split_part(metadata.query, '?', 2)
LEFT JOIN {{ source('fingertips_indicator_metadata', 'csv') }} AS csv
    ON csv.response_id = csv_responses.response_id
   AND TRY_CAST(csv.indicator_id AS INTEGER) = metadata.indicator_id
