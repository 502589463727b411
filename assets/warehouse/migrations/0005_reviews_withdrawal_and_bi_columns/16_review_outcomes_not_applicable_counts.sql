-- Reviews published before the column: the measures the other columns do not count.
UPDATE marts.review_outcomes
SET not_applicable = measures - improving - worsening - no_change - not_calculable;
