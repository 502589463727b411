-- Files from releases before staging tables existed lack the schema the next statement writes in.
CREATE SCHEMA IF NOT EXISTS staging;
