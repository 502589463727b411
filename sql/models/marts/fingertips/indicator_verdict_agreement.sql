-- Per indicator: how many of our verdicts agree with Fingertips' published ones, disagree, or
-- cannot be compared (either side has no verdict), for England, the parent and the recent trend.
SELECT
    indicator_id,
    count(*) FILTER (WHERE agrees_england) AS england_agree,
    count(*) FILTER (WHERE NOT agrees_england) AS england_disagree,
    count(*) FILTER (WHERE agrees_england IS NULL) AS england_not_comparable,
    count(*) FILTER (WHERE agrees_parent) AS parent_agree,
    count(*) FILTER (WHERE NOT agrees_parent) AS parent_disagree,
    count(*) FILTER (WHERE agrees_parent IS NULL) AS parent_not_comparable,
    count(*) FILTER (WHERE agrees_trend) AS trend_agree,
    count(*) FILTER (WHERE NOT agrees_trend) AS trend_disagree,
    -- Trend verdicts sit on each series' latest row only: earlier rows are not counted.
    count(*) FILTER (WHERE agrees_trend IS NULL AND recent_trend IS NOT NULL) AS trend_not_comparable
FROM {{ source('marts', 'indicator_verdicts') }}
GROUP BY indicator_id
