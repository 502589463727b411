INSERT INTO raw.extract_files (
    file_id, source_id, place, file_name, path, kept_at, file_sha256, bytes, file_modified_at,
    status, rows, rows_loaded, rows_rejected, rows_ignored, values_loaded, problem, duplicate_of,
    is_synthetic, loaded_at, dagster_run_id
) VALUES (
    $file_id, $source_id, $place, $file_name, $path, $kept_at, $file_sha256, $bytes,
    $file_modified_at, $status, $rows, $rows_loaded, $rows_rejected, $rows_ignored,
    $values_loaded, $problem, $duplicate_of, $is_synthetic, $loaded_at, $dagster_run_id
);
