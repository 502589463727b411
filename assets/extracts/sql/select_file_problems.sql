-- The first problems of one file, in file order, with how many it has in all: for its report and
-- the run's log (every problem stays in staging.extract_rejected_rows).
SELECT source_row, field, reason, count(*) OVER () AS problem_count
FROM staging.extract_rejected_rows
WHERE file_id = $file_id
ORDER BY source_row NULLS FIRST, field NULLS FIRST, reason
LIMIT $limit;
