-- Verdicts are computed from the facts: the table is laid out again without its primary key
-- (below), and every indicator is judged again on the next run.
DROP TABLE IF EXISTS marts.indicator_verdicts;
