-- A warehouse laid out by the release before reference bundles lacks this column: add it (empty
-- until the next load fills it) so that release's warehouses keep working instead of failing the
-- loads that now write it.
ALTER TABLE conformed.lsoa_deprivation ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
