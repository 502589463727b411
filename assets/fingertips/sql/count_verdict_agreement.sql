-- Verdicts that agree with Fingertips' published ones, and those that can be compared at all,
-- for England, the parent and the recent trend.
SELECT count(*) FILTER (WHERE agrees_england), count(agrees_england),
       count(*) FILTER (WHERE agrees_parent), count(agrees_parent),
       count(*) FILTER (WHERE agrees_trend), count(agrees_trend)
FROM marts.indicator_verdicts;
