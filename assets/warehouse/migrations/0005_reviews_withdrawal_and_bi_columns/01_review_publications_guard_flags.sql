-- Whether a review was published outside the place's review months, or with no data newer than
-- its previous review's: both need an explicit flag at publication, and the report says so.
ALTER TABLE IF EXISTS marts.review_publications ADD COLUMN IF NOT EXISTS off_cadence BOOLEAN DEFAULT false;
