"""Core20 breakdowns of each place's LSOA-level counts."""
