-- For one pair of area types: the newest LastUploadedAt each indicator was downloaded at.
SELECT indicator_id, max(last_uploaded_at) AS last_uploaded_at
FROM raw.fingertips_all_data_requests
WHERE child_area_type_id IS NOT DISTINCT FROM $child_area_type_id
  AND parent_area_type_id IS NOT DISTINCT FROM $parent_area_type_id
  AND list_contains($indicator_ids, indicator_id)
GROUP BY indicator_id;
