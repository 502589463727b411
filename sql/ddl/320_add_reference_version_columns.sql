-- A warehouse laid out by the release before reference bundles has these tables without
-- reference_version: add it (empty until the next reference load or Core20 cut fills it), so that
-- release's warehouses keep working rather than failing the loads that now write the column.
ALTER TABLE conformed.lsoa_deprivation ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
ALTER TABLE conformed.lsoa_geography ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
ALTER TABLE conformed.lsoa_population ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
ALTER TABLE conformed.lsoa_bridge_2011_2021 ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
ALTER TABLE conformed.core20_breakdown ADD COLUMN IF NOT EXISTS reference_version VARCHAR;
