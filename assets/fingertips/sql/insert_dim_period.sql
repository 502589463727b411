INSERT INTO conformed.dim_period (time_period, year_type, period_type, period_start, period_end)
VALUES ($time_period, $year_type, $period_type, $period_start, $period_end);
