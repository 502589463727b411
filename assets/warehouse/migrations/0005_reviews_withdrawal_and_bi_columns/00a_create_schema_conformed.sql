-- A file from before versions may lack the schemas the tables below are created in.
CREATE SCHEMA IF NOT EXISTS conformed;
