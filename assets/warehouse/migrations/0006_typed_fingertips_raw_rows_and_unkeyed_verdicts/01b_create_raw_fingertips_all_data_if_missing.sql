-- A file from before versions may have no all_data table to copy from: an empty one (laid out as
-- the typed table, which the copy's casts accept) lets the steps below run unchanged.
CREATE TABLE IF NOT EXISTS raw.fingertips_all_data AS FROM raw.fingertips_all_data_typed LIMIT 0;
