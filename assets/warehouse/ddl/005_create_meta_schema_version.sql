-- One row per layout version the file was created at or upgraded to (assets/warehouse/
-- migrations.py); the highest is the file's schema version.
CREATE TABLE IF NOT EXISTS meta.schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL,
    description VARCHAR NOT NULL
);
