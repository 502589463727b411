CREATE TABLE IF NOT EXISTS raw.fingertips_json (
    response_id BIGINT PRIMARY KEY,
    payload     JSON NOT NULL
);
