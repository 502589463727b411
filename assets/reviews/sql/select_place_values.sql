-- A place's measure values for periods that ended by the review date.
SELECT measure_id, sex, age, time_period, period_start, period_end, value, lower_ci_95,
       upper_ci_95, count, denominator, value_note, england_value, region_value, series_break,
       source
FROM marts.place_measure_values
WHERE place_id = $place_id AND period_end <= $review_date
ORDER BY measure_id, sex, age, period_end;
