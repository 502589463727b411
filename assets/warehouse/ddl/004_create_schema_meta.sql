-- The warehouse's own bookkeeping (its layout version), apart from the data schemas.
CREATE SCHEMA IF NOT EXISTS meta;
