-- The verdicts computed in Polars, batch by batch, each batch's in a Parquet file ($files).
INSERT INTO marts.indicator_verdicts BY NAME SELECT * FROM read_parquet($files);
