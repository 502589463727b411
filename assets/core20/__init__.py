"""Core20: each place's LSOA-level counts summed by each LSOA's national deprivation, the
breakdown assets and their checks."""
