DELETE FROM marts.indicator_verdicts;
