-- core20_breakdown_rows: the computed breakdowns, registered on the connection from Polars. Each
-- row records the reference bundle its deciles came from (the deprivation table holds one).
INSERT INTO conformed.core20_breakdown BY NAME
SELECT
    breakdown_rows.*,
    (SELECT any_value(reference_version) FROM conformed.lsoa_deprivation) AS reference_version
FROM core20_breakdown_rows AS breakdown_rows;
