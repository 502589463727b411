-- Files read and kept (loaded, or a duplicate of a loaded one): where each arrived, where it is
-- archived, and its bytes' SHA-256. Those still where they arrived wait for a publication.
SELECT path, kept_at, file_sha256
FROM raw.extract_files
WHERE status IN ('loaded', 'duplicate')
ORDER BY file_id;
