-- A newer file for the same indicator and period replaces the source's current values of that
-- period: they stay, no longer current, naming the file that replaced them.
UPDATE conformed.fact_extract_value AS facts
SET is_current = false, superseded_by = $file_sha256
WHERE facts.source_id = $source_id
  AND facts.is_current
  AND EXISTS (
        SELECT 1 FROM extract_accepted_periods AS accepted
        WHERE accepted.catalogue_indicator_id = facts.catalogue_indicator_id
          AND accepted.period_label = facts.period_label
  );
