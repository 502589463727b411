-- A file from before versions may not have the raw schema yet.
CREATE SCHEMA IF NOT EXISTS raw;
