-- The reference bundle version rows were loaded from; rows written before bundles have none
-- until the next load replaces them. IF EXISTS: a table the old file never had is created whole
-- by sql/ddl after the migrations. IF NOT EXISTS: an unversioned file written by a development
-- build since bundles has the column already.
ALTER TABLE IF EXISTS conformed.lsoa_deprivation ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
