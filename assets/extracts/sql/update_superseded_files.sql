-- The files some of whose values the file just loaded replaced.
UPDATE raw.extract_files
SET superseded_by = $file_sha256
WHERE file_id IN (
    SELECT DISTINCT file_id
    FROM conformed.fact_extract_value
    WHERE source_id = $source_id AND superseded_by = $file_sha256
);
