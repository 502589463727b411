CREATE SEQUENCE IF NOT EXISTS raw.response_id_sequence START 1;
