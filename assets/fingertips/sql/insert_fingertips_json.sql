INSERT INTO raw.fingertips_json (response_id, payload) VALUES ($response_id, CAST($payload AS JSON));
