-- Indicator metadata from the JSON endpoint, with polarity and frequency from the metadata CSV
-- (the JSON does not carry them): each indicator from the newest metadata answer that holds it,
-- beside the CSV fetched in the same run for the same indicators. How Fingertips benchmarks it
-- comes from its group roots (neither metadata answer carries it; assets/fingertips/group_roots.py
-- has the shape): the root's ComparatorMethodId and its England grouping's SigLevel, from the
-- newest answer of each domain and area type; where those disagree, the setting most of them give.
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
roots AS (
    SELECT
        CAST(root.value ->> 'IID' AS INTEGER) AS indicator_id,
        CAST(root.value ->> 'ComparatorMethodId' AS INTEGER) AS comparator_method_id,
        -- ComparatorId 4 is England; every grouping of a root shares the template's SigLevel.
        coalesce(
            list_filter(
                CAST(root.value -> 'Grouping' AS JSON[]),
                lambda grouping: TRY_CAST(grouping ->> 'ComparatorId' AS INTEGER) = 4
            )[1] ->> 'SigLevel',
            root.value -> 'Grouping' -> 0 ->> 'SigLevel'
        ) AS sig_level
    FROM (
        SELECT answers.payload
        FROM {{ source('fingertips_indicator_metadata', 'json') }} AS answers
        JOIN {{ source('fingertips_indicator_metadata', 'responses') }} AS responses
            USING (response_id)
        WHERE responses.endpoint = 'profile_group_roots'
        QUALIFY row_number() OVER (PARTITION BY responses.query ORDER BY response_id DESC) = 1
    ) AS newest,
        json_each(newest.payload) AS root
),
settings AS (
    SELECT
        indicator_id,
        comparator_method_id,
        -- Only confidence intervals have a level; SigLevel is 0 or -1 for other methods.
        CASE WHEN TRY_CAST(sig_level AS DOUBLE) > 0 THEN TRY_CAST(sig_level AS DOUBLE) END
            AS comparator_confidence
    FROM roots
    WHERE comparator_method_id IS NOT NULL
),
benchmarking AS (
    SELECT indicator_id, comparator_method_id, comparator_confidence
    FROM settings
    GROUP BY indicator_id, comparator_method_id, comparator_confidence
    QUALIFY row_number() OVER (
        PARTITION BY indicator_id
        ORDER BY count(*) DESC, comparator_method_id, comparator_confidence
    ) = 1
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
    benchmarking.comparator_method_id,
    benchmarking.comparator_confidence,
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
LEFT JOIN benchmarking ON benchmarking.indicator_id = metadata.indicator_id
