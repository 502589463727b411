-- The raw tables below hold the reference bundle's rows the LSOA models are built from; a file
-- from before versions were recorded may have no raw schema yet.
CREATE SCHEMA IF NOT EXISTS raw;
