INSERT INTO meta.schema_version (version, applied_at, description)
VALUES ($version, now(), $description);
