-- Numbers every file a declared extract source reads, loaded or not.
CREATE SEQUENCE IF NOT EXISTS raw.extract_file_id_sequence START 1;
