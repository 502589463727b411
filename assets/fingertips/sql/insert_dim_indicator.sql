-- Indicator metadata from the JSON endpoint, with polarity and frequency from the metadata CSV
-- (the JSON does not carry them).
INSERT OR REPLACE INTO conformed.dim_indicator
SELECT
    CAST(metadata.indicator_key AS INTEGER),
    coalesce(metadata.j -> 'Descriptive' ->> 'Name', csv.indicator),
    metadata.j -> 'Unit' ->> 'Label',
    coalesce(metadata.j -> 'ValueType' ->> 'Name', csv.value_type),
    coalesce(metadata.j -> 'YearType' ->> 'Name', csv.year_type),
    metadata.j -> 'ConfidenceIntervalMethod' ->> 'Name',
    csv.polarity,
    csv.frequency,
    metadata.j ->> 'Status',
    TRY_CAST(metadata.j -> 'DataChange' ->> 'LastUploadedAt' AS TIMESTAMP),
    $fetched_at
FROM (
    SELECT entries.key AS indicator_key, entries.value AS j
    FROM raw.fingertips_json, json_each(fingertips_json.payload) AS entries
    WHERE response_id = $json_response_id
) AS metadata
LEFT JOIN raw.fingertips_indicator_metadata_csv AS csv
    ON csv.response_id = $csv_response_id
   AND TRY_CAST(csv.indicator_id AS INTEGER) = CAST(metadata.indicator_key AS INTEGER);
