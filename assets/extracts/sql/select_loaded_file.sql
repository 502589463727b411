-- The file already loaded for this source with exactly these bytes, if any.
SELECT file_id, file_name, loaded_at
FROM raw.extract_files
WHERE source_id = $source_id AND file_sha256 = $file_sha256 AND status = 'loaded'
ORDER BY file_id
LIMIT 1;
