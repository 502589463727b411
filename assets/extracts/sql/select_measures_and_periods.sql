-- The distinct (measure, period) texts of the file being read: few, so they are resolved in
-- Python (period formats, the catalogue's framework codes) and joined back.
SELECT DISTINCT measure, period
FROM extract_fact_rows;
