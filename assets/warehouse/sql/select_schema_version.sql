-- The layout version of the open database: the newest it was created at or upgraded to.
SELECT max(version) FROM meta.schema_version;
