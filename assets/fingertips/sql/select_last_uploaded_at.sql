SELECT indicator_id, last_uploaded_at
FROM conformed.dim_indicator
WHERE list_contains($indicator_ids, indicator_id);
