-- marts.review_trend is now the dbt model sql/models/marts/reviews/review_trend.sql, which builds
-- it again on the next run; the frozen review tables it reads are left as they are.
DROP VIEW IF EXISTS marts.review_trend;
