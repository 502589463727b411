-- What each (measure, period) text of the file means: its indicator and the sex, age, breakdown
-- and value range the measure implies, its period label and dates, or why it means nothing.
-- The parameters are parallel lists, one entry per distinct pair.
CREATE OR REPLACE TEMP TABLE extract_resolved AS
SELECT
    unnest($measure) AS measure,
    unnest($period) AS period,
    unnest($catalogue_indicator_id) AS catalogue_indicator_id,
    unnest($sex) AS sex,
    unnest($age) AS age,
    unnest($breakdown) AS breakdown,
    unnest($value_min)::DOUBLE AS value_min,
    unnest($value_max)::DOUBLE AS value_max,
    unnest($measure_problem) AS measure_problem,
    unnest($period_label) AS period_label,
    unnest($period_start)::DATE AS period_start,
    unnest($period_end)::DATE AS period_end,
    unnest($period_problem) AS period_problem;
