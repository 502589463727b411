-- Files of one source still needing a person: quarantined since its last good load, or loaded
-- with rows rejected and not since replaced.
SELECT file_name, status, rows_rejected, problem, kept_at
FROM raw.extract_files
WHERE source_id = $source_id
  AND (
        (status = 'quarantined' AND loaded_at > coalesce(
            (SELECT max(loaded_at) FROM raw.extract_files
             WHERE source_id = $source_id AND status = 'loaded'),
            '-infinity'::TIMESTAMPTZ))
        OR (status = 'loaded' AND rows_rejected > 0 AND superseded_by IS NULL)
  )
ORDER BY file_id;
