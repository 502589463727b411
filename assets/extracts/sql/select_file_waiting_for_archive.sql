-- Whether these bytes at this path were already read (and so wait for a publication to be
-- archived), rather than dropped anew.
SELECT count(*) > 0
FROM raw.extract_files
WHERE path = $path AND file_sha256 = $file_sha256 AND status IN ('loaded', 'duplicate');
